import { render } from 'preact';
import { PageUi } from './PageUi';
import type { PageAnnotations } from './page-annotations';
import { TOOLBAR_CSS } from './toolbar-css';

/**
 * Mounts the in-page UI in a closed shadow root on a host element of our own tag: the page's CSS
 * can't reach in, and the page's scripts can't read what the reader types (notes).
 */
export function mountPageUi(doc: Document, annotations: PageAnnotations): HTMLElement {
  const host = doc.createElement('readmark-ui');
  const shadow = host.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(TOOLBAR_CSS);
  shadow.adoptedStyleSheets = [sheet];
  doc.documentElement.append(host);
  render(<PageUi annotations={annotations} host={host} />, shadow);
  return host;
}

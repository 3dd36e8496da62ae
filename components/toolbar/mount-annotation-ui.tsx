import { render } from 'preact';
import { adoptStyles } from '../shared/adopt-styles';
import { AnnotationUi } from './AnnotationUi';
import type { AnnotationSet } from './annotation-set';
import { TOOLBAR_CSS } from './toolbar-css';

/**
 * Mounts the annotation UI (toolbar, toasts) in a closed shadow root on a host element of our own tag: the page's CSS
 * can't reach in, and the page's scripts can't read what the reader types (notes).
 */
export function mountAnnotationUi(doc: Document, annotations: AnnotationSet): HTMLElement {
  const host = doc.createElement('readmark-ui');
  const shadow = host.attachShadow({ mode: 'closed' });
  adoptStyles(shadow, TOOLBAR_CSS);
  doc.documentElement.append(host);
  render(<AnnotationUi annotations={annotations} host={host} />, shadow);
  return host;
}

import { render } from 'preact';
import { adoptStyles } from '../shared/adopt-styles';
import { AnnotationUi } from './AnnotationUi';
import type { AnnotationSet, ShownHighlight } from './annotation-set';
import { guardHost } from './guard-host';
import type { LiveListen } from './live-listen';
import { TOOLBAR_CSS } from './toolbar-css';

/**
 * Mounts the annotation UI (toolbar, toasts) in a closed shadow root on a host element of our own tag: the page's CSS
 * can't reach in, the page's scripts can't drive it (guardHost), and notes are typed elsewhere
 * (AnnotationSet.openNoteEditor). The reader view uses it too; there notes stay in the toolbar.
 * On a live page `makeListen` adds Listen and line focus (their bar shares the shadow root).
 */
/** Answers the function that unmounts it. */
export function mountAnnotationUi(
  doc: Document,
  annotations: AnnotationSet<ShownHighlight>,
  makeListen?: (host: HTMLElement) => LiveListen,
): () => void {
  const host = doc.createElement('readmark-ui');
  const shadow = host.attachShadow({ mode: 'closed' });
  adoptStyles(shadow, TOOLBAR_CSS);
  doc.documentElement.append(host);
  const unguard = guardHost(host, shadow);
  const listen = makeListen?.(host);
  render(<AnnotationUi annotations={annotations} host={host} listen={listen} />, shadow);
  return () => {
    listen?.destroy();
    unguard();
    render(null, shadow);
    host.remove();
  };
}

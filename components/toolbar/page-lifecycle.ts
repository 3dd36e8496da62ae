import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { errorMessage } from '../shared/error-message';
import { LiveListen } from './live-listen';
import { liveListenDeps } from './live-listen-deps';
import { mountAnnotationUi } from './mount-annotation-ui';
import { PageAnnotations } from './page-annotations';

/**
 * Readmark on one web page for as long as this copy of the content script is valid. WXT's context
 * is invalidated when a newer copy is injected into the page (popup, context menu, shortcut and
 * the auto-repaint registration each inject; after an extension update the new copy's start
 * does it) or when WXT notices the extension is gone (ctx.isValid, checked before each notice): this copy then
 * unmounts its UI, unpaints and stops listening, so one toolbar host and one set of listeners
 * remain. On a single-page site's navigation (URL change, no reload) the old page's highlights
 * go and the new page's are loaded: the tab's URL is the page's identity.
 */
export function runPageAnnotations(
  ctx: ContentScriptContext,
  doc: Document,
): { annotations: PageAnnotations; listen: LiveListen } {
  const annotations = new PageAnnotations(doc);
  let listen: LiveListen | undefined;
  const unmount = mountAnnotationUi(doc, annotations, (host) => {
    listen = new LiveListen(doc, host, liveListenDeps(doc));
    return listen;
  });
  const load = () =>
    void annotations.load().then((loaded) => {
      if (!loaded.ok && ctx.isValid) annotations.notify(errorMessage(loaded.error));
    });
  load();
  const win = doc.defaultView;
  if (win)
    ctx.addEventListener(win, 'wxt:locationchange', () => {
      annotations.leavePage();
      listen?.close(); // its article was the page the tab left
      // WXT reports the change from the navigate event, before the document (and the tab the
      // background asks about) has the new address: load once the navigation has committed.
      ctx.setTimeout(load, 0);
    });
  ctx.onInvalidated(() => {
    unmount();
    annotations.destroy();
  });
  return { annotations, listen: listen! };
}

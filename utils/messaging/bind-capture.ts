import { err, normaliseUrl, ok, type Result } from '@/utils/model';
import type { PageCapture } from './protocol';

/**
 * A page capture bound to the address the browser reports for its tab (sender.tab.url in the
 * background, tabs.Tab.url in the popup): the capture's own `url` came from the page's side and
 * is only checked against it. Refused when the browser does not tell the address (no access to
 * the tab) or when the capture is of another page (the tab navigated while it was captured).
 */
export function bindCaptureToTab(capture: PageCapture, tabUrl: string | undefined): Result<PageCapture> {
  const page = tabUrl ? normaliseUrl(tabUrl) : null;
  if (!tabUrl || !page) return err('tab-url-unknown');
  if (normaliseUrl(capture.url) !== page) return err('capture-not-tab-page');
  return ok({ ...capture, url: tabUrl });
}

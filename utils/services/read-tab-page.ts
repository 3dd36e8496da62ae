import { bindCaptureToTab } from '@/utils/messaging';
import type { AppError, ExtractedArticle } from '@/utils/model';
import { markWorkerTiming } from './extract-in-worker';
import { choosePopupExtraction } from './extract-page';
import { captureTab, pageScriptReady, resolveTargetTab, restrictedReason } from './tab-access';

/** What the popup learns from its tab alone: the article on it, or why there is none. */
export type TabReading =
  | { kind: 'restricted'; reason: AppError }
  | { kind: 'error'; error: AppError }
  | {
      kind: 'read';
      tabId: number;
      article: ExtractedArticle;
      /** Text the reader selected on the page before opening the popup ('' for none). */
      selection: string;
    };

/**
 * The part of the popup's preview that needs neither the database nor the UI: find the tab,
 * capture it, extract in a Worker. The popup's entry calls it on its first line, so the choice of
 * Worker (the offscreen document's, warm; else the popup's own, whose script then loads) is made
 * while the tab is found and captured, and all of it while the UI's code loads.
 */
export async function readTabPage(): Promise<TabReading> {
  const extraction = choosePopupExtraction();
  const tab = await resolveTargetTab();
  if (!tab) return { kind: 'restricted', reason: { code: 'no-tab' } };
  const reason = restrictedReason(tab.url);
  if (reason) return { kind: 'restricted', reason };
  performance.mark('rm:capture-start');
  const captured = await captureTab(tab.id);
  performance.mark('rm:capture-end');
  if (!captured.ok) return { kind: 'restricted', reason: captured.error };
  const { selection, ...page } = captured.value;
  // The article is the page the browser says the tab shows, whatever the page declares.
  const capture = bindCaptureToTab(page, tab.url);
  if (!capture.ok) return { kind: 'error', error: capture.error };
  // The in-page UI (saved highlights painted, the popup's page actions answered) is attached now,
  // beside the extraction: the preview does not wait for it, and a reader who closes the popup
  // as soon as the preview shows still gets it (started after the extraction, a loaded machine
  // closed the popup before the injection was asked for: tests/hostile/sw-faults). On a huge page
  // it competes with the extraction for the CPU; the pathological pages keep their bound alone.
  void pageScriptReady(tab.id);
  const extract = await extraction;
  const extracted = await extract(capture.value, markWorkerTiming);
  performance.mark('rm:extracted');
  if (!extracted.ok) return { kind: 'error', error: extracted.error };
  return { kind: 'read', tabId: tab.id, article: extracted.value, selection };
}

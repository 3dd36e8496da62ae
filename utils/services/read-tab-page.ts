import { type ArticlePreview, bindCaptureToTab } from '@/utils/messaging';
import type { AppError, ExtractedArticle, Result } from '@/utils/model';
import { markEpochTimes, markWorkerTiming } from './extract-in-worker';
import { choosePopupExtraction, offscreenDocumentOpen } from './extract-page';
import {
  type CaptureInjection,
  captureTab,
  injectCaptureScript,
  pageScriptReady,
  resolveTargetTab,
  restrictedReason,
} from './tab-access';

/** What the popup learns from its tab alone: the article on it, or why there is none. */
export type TabReading =
  | { kind: 'restricted'; reason: AppError }
  | { kind: 'error'; error: AppError }
  | {
      kind: 'read';
      tabId: number;
      /** What the preview shows: the article without its HTML. */
      article: ArticlePreview;
      /**
       * The whole article, its HTML sanitised: asked for after the preview's first paint, and by
       * whatever needs the HTML (Save, Listen). Asked again after a failure, it tries again.
       */
      complete(): Promise<Result<ExtractedArticle>>;
      /** Text the reader selected on the page before opening the popup ('' for none). */
      selection: string;
    };

/**
 * The browser calls a tab reading needs before the popup's modules have loaded: whether the
 * offscreen document is open, the tab, and the capture script's injection into it (null when
 * there is no tab or it is one Readmark may not touch).
 */
export interface TabReadingStart {
  offscreenOpen: Promise<boolean>;
  tab: Promise<{ id: number; url?: string } | null>;
  injection: Promise<CaptureInjection | null>;
}

/** Where the popup's first script leaves its start for the popup's entry module. */
const START = Symbol.for('readmark.tabReadingStart');
type WithStart = typeof globalThis & { [START]?: TabReadingStart };
/**
 * The longest the in-page UI waits for the extraction after the capture (see readTabPage): about
 * three times a typical extraction, and less than a reader needs to close a popup that opened.
 */
const UI_AFTER_MS = 100;

/**
 * Starts reading the tab: the popup's first script (entrypoints/popup-start.ts, a classic script
 * that runs while popup.html is parsed) calls it, so the tab is found and captured while the
 * popup's modules load. Uses only the browser's API (no validation, no messaging): the script
 * stays a few kB. Its result is left for readTabPage (takeTabReadingStart).
 */
export function startTabReading(): TabReadingStart {
  // Marks read by `npm run bench:preview` (performance marks cost nothing measurable).
  performance.mark('rm:popup-code');
  const offscreenOpen = offscreenDocumentOpen().catch(() => false);
  const tab = resolveTargetTab();
  const injection = tab.then((found) => {
    if (!found || restrictedReason(found.url)) return null;
    performance.mark('rm:capture-start');
    return injectCaptureScript(found.id).finally(() => performance.mark('rm:capture-end'));
  });
  // A failed tab lookup is reported by readTabPage, which awaits the tab itself.
  injection.catch(() => undefined);
  const start = { offscreenOpen, tab, injection };
  (globalThis as WithStart)[START] = start;
  return start;
}

/** The start the popup's first script made (once), or a start made now where it did not run. */
export function takeTabReadingStart(): TabReadingStart {
  const scope = globalThis as WithStart;
  const start = scope[START];
  delete scope[START];
  return start ?? startTabReading();
}

/**
 * The part of the popup's preview that needs neither the database nor the UI: find the tab,
 * capture it, extract in a Worker. Its browser calls were started by the popup's first script
 * (startTabReading), so the choice of Worker (the offscreen document's, warm; else the popup's
 * own, whose script then loads), the tab and its capture all proceed while the popup's code loads.
 */
export async function readTabPage(start: TabReadingStart = takeTabReadingStart()): Promise<TabReading> {
  const extraction = choosePopupExtraction(start.offscreenOpen);
  const tab = await start.tab;
  if (!tab) return { kind: 'restricted', reason: { code: 'no-tab' } };
  const reason = restrictedReason(tab.url);
  if (reason) return { kind: 'restricted', reason };
  // Never null here: the start injected into this very tab, for the same reasons checked above.
  const captured = await captureTab(
    tab.id,
    start.injection.then((injected) => injected ?? injectCaptureScript(tab.id)),
  );
  if (!captured.ok) return { kind: 'restricted', reason: captured.error };
  const { selection, pageScript, timing, ...page } = captured.value;
  // When the capture script ran and was done in the page (npm run bench:preview splits the stage).
  if (timing) markEpochTimes('capture', timing);
  // The article is the page the browser says the tab shows, whatever the page declares.
  const capture = bindCaptureToTab(page, tab.url);
  performance.mark('rm:captured');
  if (!capture.ok) return { kind: 'error', error: capture.error };
  // The in-page UI (saved highlights painted, the popup's page actions answered) is attached with
  // no question to the page first (the capture said whether it runs there), once the extraction
  // is done or UI_AFTER_MS after the capture, whichever comes first, and before the preview paints:
  // injected beside the extraction, its script (compiled and run in the page, asking the
  // background for the page's highlights) took the two cores from the Worker, 4-5 ms a page
  // (README, preview speed, eleventh round). Asked only after the paint, a reader who closed the
  // popup at once (a loaded machine in tests/hostile/sw-faults, tests/e2e/hostile-page) left the
  // page without it; the bound keeps a slow extraction from holding it back.
  const attachPageScript = () => void pageScriptReady(tab.id, pageScript);
  const attachSoon = setTimeout(attachPageScript, UI_AFTER_MS);
  const extract = await extraction;
  const extracted = await extract(capture.value, markWorkerTiming).finally(() => {
    clearTimeout(attachSoon);
    attachPageScript();
  });
  performance.mark('rm:extracted');
  if (!extracted.ok) return { kind: 'error', error: extracted.error };
  const { preview, complete } = extracted.value;
  return { kind: 'read', tabId: tab.id, article: preview, complete, selection };
}

import { type ArticlePreview, bindCaptureToTab, offscreenInProcess } from '@/utils/messaging';
import type { AppError, ExtractedArticle, Result } from '@/utils/model';
import { markEpochTimes, markWorkerTiming } from './extract-in-worker';
import {
  chooseExtraction,
  choosePopupExtraction,
  type ExtractForPreview,
  type OwnExtraction,
  offscreenDocumentOpen,
} from './extract-page';
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
 * The browser calls a tab reading starts with: whether the offscreen document is open, the tab,
 * and the capture script's injection into it (null when there is no tab or it is one Readmark may
 * not touch).
 */
export interface TabReadingStart {
  offscreenOpen: Promise<boolean>;
  tab: Promise<{ id: number; url?: string } | null>;
  injection: Promise<CaptureInjection | null>;
}

/**
 * The longest the in-page UI waits for the extraction after the capture (see readTab): about
 * three times a typical extraction, and less than a reader needs to close a popup that opened.
 */
const UI_AFTER_MS = 100;

/** Starts a tab reading's browser calls, all at once. */
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
  // A failed tab lookup is reported by readTab, which awaits the tab itself.
  injection.catch(() => undefined);
  return { offscreenOpen, tab, injection };
}

/** The tab's reading, extracted by the offscreen document where it can, else by this page's own Worker. */
export function readTabPage(start: TabReadingStart = startTabReading()): Promise<TabReading> {
  return readTab(start, choosePopupExtraction(start.offscreenOpen));
}

/**
 * The reading the popup's first script starts (entrypoints/popup-start.ts, a classic script run
 * while popup.html is parsed, before any of the popup's modules has loaded): the tab found,
 * captured and, where the offscreen document is open, extracted there, all from that one small
 * script. Where the document cannot extract, `own` brings this popup's own Worker (the popup's
 * modules hold that code).
 */
export function readTabFirst(own: () => Promise<OwnExtraction>): Promise<TabReading> {
  const start = startTabReading();
  return readTab(start, chooseExtraction(start.offscreenOpen, offscreenInProcess, own));
}

/**
 * The part of the popup's preview that needs neither the database nor the UI: find the tab,
 * capture it, extract it (`extraction`, chosen while the tab is looked up and captured).
 */
async function readTab(start: TabReadingStart, extraction: Promise<ExtractForPreview>): Promise<TabReading> {
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

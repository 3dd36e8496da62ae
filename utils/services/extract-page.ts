import { browser } from 'wxt/browser';
import {
  type OffscreenSend,
  offscreenInProcess,
  type PageCapture,
  sendToOffscreen,
  sendToOffscreenChannel,
} from '@/utils/messaging';
import { type ExtractedArticle, ok, type Result } from '@/utils/model';
import {
  EXTRACTION_TIMEOUT_MS,
  type ExtractTiming,
  extractForPreview,
  extractInWorker,
  type PreviewExtraction,
  prewarmExtractWorker,
  retryingOnce,
} from './extract-in-worker';

const OFFSCREEN_PATH = '/offscreen.html';

/** The popup's extraction of a capture (bound to its tab by the caller): its preview first; the Worker's times when known. */
export type ExtractForPreview = (
  capture: PageCapture,
  onTiming?: (timing: ExtractTiming) => void,
) => Promise<Result<PreviewExtraction>>;

/**
 * Whether this build's background is a page with a DOM: Firefox's MV3 background is an event page,
 * every other browser's a service worker (WXT's manifest). Known when building, so the service
 * worker's bundle leaves out the Worker path and what it loads (the pipeline, linkedom, DOMPurify:
 * two thirds of the script that a woken worker evaluated first, npm run bench:worker-start).
 */
const BACKGROUND_HAS_DOM = import.meta.env.FIREFOX;

/**
 * Extracts a captured page from the background. Firefox's background page has a DOM and can
 * start the Worker itself; Chrome's service worker has neither, so it asks an offscreen document.
 */
export async function extractPage(capture: PageCapture): Promise<Result<ExtractedArticle>> {
  if (BACKGROUND_HAS_DOM) return extractInWorker(capture);
  await ensureOffscreenDocument();
  // A runtime message has no bound of its own: the document's watchdog answers within
  // EXTRACTION_TIMEOUT_MS, and a document that goes away meanwhile closes the message
  // (offscreen-no-answer).
  const answer = await sendToOffscreen('offscreenExtract', { capture });
  if (answer.ok || answer.error.code !== 'offscreen-no-answer') return answer;
  // Unanswered: a document another page of Readmark was opening (listed before it listens), or
  // one that closed. The capture is asked once more of a document open by then; extracting it
  // twice changes nothing.
  await new Promise((resolve) => setTimeout(resolve, DOCUMENT_LOADING_MS));
  await ensureOffscreenDocument();
  return sendToOffscreen('offscreenExtract', { capture });
}

/** How long a document another page is opening is given before the capture is asked again. */
const DOCUMENT_LOADING_MS = 500;

/** This popup's own Worker, where the offscreen document cannot extract (see chooseExtraction). */
export interface OwnExtraction {
  preview: ExtractForPreview;
  /** The whole article of a capture, sanitised. */
  whole(capture: PageCapture): Promise<Result<ExtractedArticle>>;
}

/**
 * This popup's own extraction Worker, its script loading from now on; in Chrome it also asks for
 * the offscreen document (closed or not open yet), for the next popup.
 */
export async function ownWorkerExtraction(): Promise<OwnExtraction> {
  prewarmExtractWorker();
  if (browser.offscreen) ensureOffscreenDocument().catch(() => undefined);
  return { preview: (capture, onTiming) => extractForPreview(capture, { onTiming }), whole: extractInWorker };
}

/**
 * Where the popup's preview is extracted. In Chrome the offscreen document keeps an extraction
 * Worker warm between popups (created by the background when it starts): when it is open, the
 * capture goes there, handed over in this renderer process when the document runs in it
 * (`inProcess`, the usual case), else over the channel (`offscreenOpen`, asked by the popup's
 * first script). Otherwise (Firefox, or before the document exists), and for a capture the document
 * never answers (it closed), the popup's own Worker (`own`). Either way the preview comes first
 * and the sanitised HTML when asked for (PreviewExtraction).
 *
 * `own` is asked for only when needed: the popup's first script, which extracts before the
 * popup's modules load, gets it from them (entrypoints/popup-start.ts), and its own bundle stays
 * without the Worker's code.
 */
export async function chooseExtraction(
  offscreenOpen: Promise<boolean>,
  inProcess: () => OffscreenSend | null,
  own: () => Promise<OwnExtraction>,
): Promise<ExtractForPreview> {
  const send = inProcess() ?? ((await offscreenOpen.catch(() => false)) ? sendToOffscreenChannel : null);
  if (!send) return (await own()).preview;
  return async (capture, onTiming) => {
    // Neither way can tell a document gone from a slow one: it waits for the document's
    // watchdog (EXTRACTION_TIMEOUT_MS) and a margin.
    const answer = await send('offscreenPreview', { capture }, OFFSCREEN_ANSWER_MS);
    // Never delivered (the document closed, or still loading) or lost with the document: this
    // popup's own Worker. An extraction that failed or hit the watchdog is answered, not retried.
    if (!answer.ok)
      return answer.error.code === 'offscreen-no-answer' ? (await own()).preview(capture, onTiming) : answer;
    const { preview, ticket, timing } = answer.value;
    if (timing) onTiming?.(timing);
    return ok({ preview, complete: retryingOnce(() => completeOffscreen(send, ticket, capture, own)) });
  };
}

/** chooseExtraction with this page's own Worker (its code in this page's bundle). */
export function choosePopupExtraction(
  offscreenOpen: Promise<boolean> = offscreenDocumentOpen(),
  inProcess: () => OffscreenSend | null = offscreenInProcess,
): Promise<ExtractForPreview> {
  return chooseExtraction(offscreenOpen, inProcess, ownWorkerExtraction);
}

const OFFSCREEN_ANSWER_MS = EXTRACTION_TIMEOUT_MS + 5_000;

/**
 * The whole article the offscreen document holds for a preview. A document that no longer holds
 * it (closed since, or the popup asked too late) costs a second extraction of the same capture in
 * this popup's own Worker, never the article: Save stores what the preview showed.
 */
async function completeOffscreen(
  send: OffscreenSend,
  ticket: string,
  capture: PageCapture,
  own: () => Promise<OwnExtraction>,
): Promise<Result<ExtractedArticle>> {
  const answer = await send('offscreenComplete', { ticket }, OFFSCREEN_ANSWER_MS);
  return !answer.ok && answer.error.code === 'offscreen-no-answer' ? (await own()).whole(capture) : answer;
}

/** Whether this browser has offscreen documents (Chrome) and Readmark's is open. */
export async function offscreenDocumentOpen(): Promise<boolean> {
  if (!browser.offscreen || !browser.runtime.getContexts) return false;
  const open = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [browser.runtime.getURL(OFFSCREEN_PATH)],
  });
  return open.length > 0;
}

/**
 * Chrome: opens the offscreen document when the background starts (installed, browser started,
 * or woken), so its extraction Worker is warm before the reader first clicks Readmark.
 */
export function setUpOffscreenExtraction(): void {
  if (!browser.offscreen) return;
  // Not fatal: the popup then extracts in a Worker of its own and asks again.
  ensureOffscreenDocument().catch((error: unknown) => console.warn('Readmark: no offscreen document', error));
}

let opening: Promise<void> | null = null;

/**
 * Opens the offscreen document unless it is open (Chrome only). It stays open: Chrome closes
 * only audio documents by itself, and this one holds the warm extraction Worker. Calls in one
 * context share one look-up and creation: Chrome lists a document it is still loading as open,
 * before its script listens, so a second call checking on its own while the first one's document
 * loaded went on and messaged nobody ("Receiving end does not exist").
 */
export function ensureOffscreenDocument(): Promise<void> {
  opening ??= openOffscreenDocument().finally(() => {
    opening = null;
  });
  return opening;
}

async function openOffscreenDocument(): Promise<void> {
  if (await offscreenDocumentOpen()) return;
  await browser.offscreen
    .createDocument({
      url: browser.runtime.getURL(OFFSCREEN_PATH),
      reasons: ['WORKERS', 'DOM_PARSER'],
      justification:
        'Extract articles from captured pages in a Worker kept ready, away from the page and the service worker.',
    })
    // The popup and the background may both ask: the one that lost the race finds it open.
    .catch(async (error: unknown) => {
      if (!(await offscreenDocumentOpen())) throw error;
    });
}

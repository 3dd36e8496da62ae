import { browser } from 'wxt/browser';
import {
  type OffscreenExtraction,
  type PageCapture,
  sendToOffscreen,
  sendToOffscreenChannel,
} from '@/utils/messaging';
import type { ExtractedArticle, Result } from '@/utils/model';
import {
  EXTRACTION_TIMEOUT_MS,
  type ExtractTiming,
  extractInWorker,
  prewarmExtractWorker,
} from './extract-in-worker';

const OFFSCREEN_PATH = '/offscreen.html';

/** Extraction of a capture (bound to its tab by the caller), sanitised; the Worker's times when known. */
export type ExtractCapture = (
  capture: PageCapture,
  onTiming?: (timing: ExtractTiming) => void,
) => Promise<Result<ExtractedArticle>>;

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
  return extractOffscreen(capture);
}

/**
 * Where the popup's preview is extracted. In Chrome the offscreen document keeps an extraction
 * Worker warm between popups (created by the background when it starts): when it is open (asked
 * by the popup's first script: `offscreenOpen`), the capture goes there. Otherwise (Firefox, or
 * before the document exists) the popup starts a Worker of its own now, and in Chrome asks for the
 * document for the next popup.
 */
export async function choosePopupExtraction(
  offscreenOpen: Promise<boolean> = offscreenDocumentOpen(),
): Promise<ExtractCapture> {
  const local: ExtractCapture = (capture, onTiming) => extractInWorker(capture, { onTiming });
  if (await offscreenOpen.catch(() => false))
    return async (capture, onTiming) => {
      const answer = await extractOffscreen(capture, onTiming, 'channel');
      // Never delivered (the document closed, or still loading) or lost with the document: this
      // popup's own Worker. An extraction that failed or hit the watchdog is answered, not retried.
      return !answer.ok && answer.error.code === 'offscreen-no-answer' ? local(capture, onTiming) : answer;
    };
  prewarmExtractWorker();
  if (browser.offscreen) ensureOffscreenDocument().catch(() => undefined);
  return local;
}

async function extractOffscreen(
  capture: PageCapture,
  onTiming?: (timing: ExtractTiming) => void,
  way: 'runtime' | 'channel' = 'runtime',
): Promise<Result<ExtractedArticle>> {
  // A runtime message has no bound of its own: the document's watchdog answers within
  // EXTRACTION_TIMEOUT_MS, and a document that goes away meanwhile closes the message
  // (offscreen-no-answer). The popup's channel, which cannot tell, waits that and a margin.
  const answer: Result<OffscreenExtraction> =
    way === 'channel'
      ? await sendToOffscreenChannel('offscreenExtract', { capture }, EXTRACTION_TIMEOUT_MS + 5_000)
      : await sendToOffscreen('offscreenExtract', { capture });
  if (!answer.ok) return answer;
  if (answer.value.timing) onTiming?.(answer.value.timing);
  return { ok: true, value: answer.value.article };
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

let creating: Promise<void> | null = null;

/**
 * Opens the offscreen document unless it is open (Chrome only). It stays open: Chrome closes
 * only audio documents by itself, and this one holds the warm extraction Worker.
 */
export async function ensureOffscreenDocument(): Promise<void> {
  if (await offscreenDocumentOpen()) return;
  creating ??= browser.offscreen
    .createDocument({
      url: browser.runtime.getURL(OFFSCREEN_PATH),
      reasons: ['WORKERS', 'DOM_PARSER'],
      justification:
        'Extract articles from captured pages in a Worker kept ready, away from the page and the service worker.',
    })
    // The popup and the background may both ask: the one that lost the race finds it open.
    .catch(async (error: unknown) => {
      if (!(await offscreenDocumentOpen())) throw error;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

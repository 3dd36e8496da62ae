import { browser } from 'wxt/browser';
import { createSanitiser, type Sanitiser } from '@/utils/extraction';
import type { PageCapture } from '@/utils/messaging';
import { type ExtractedArticle, err, errorFromThrown, fail, ok, type Result } from '@/utils/model';

export const EXTRACTION_TIMEOUT_MS = 10_000;

/** What extract-worker.js answers: the pipeline's result, and when (ms since the epoch) it ran. */
export interface ExtractWorkerAnswer {
  result: Result<ExtractedArticle>;
  /** The Worker's script ready, the page received, the extraction done. */
  timing: { ready: number; received: number; extracted: number };
}

/**
 * Runs the extraction pipeline over a captured page in a Worker with a watchdog, then sanitises
 * the result here, in the extension page, where DOMPurify has a real DOM. A page that hangs or
 * crashes the pipeline costs a terminated Worker and a clear message, never a frozen tab.
 */
let warm: Worker | null = null;

/**
 * Starts the extraction Worker before there is anything to extract, so that loading and compiling
 * its script (the pipeline, hundreds of kB) overlaps with finding and capturing the tab; the
 * next extractInWorker uses it.
 */
export function prewarmExtractWorker(): void {
  warm ??= new Worker(browser.runtime.getURL('/extract-worker.js'));
}

export function extractInWorker(
  capture: PageCapture,
  timeoutMs: number = EXTRACTION_TIMEOUT_MS,
): Promise<Result<ExtractedArticle>> {
  return new Promise((resolve) => {
    const worker = warm ?? new Worker(browser.runtime.getURL('/extract-worker.js'));
    warm = null;
    const finish = (result: Result<ExtractedArticle>) => {
      clearTimeout(watchdog);
      worker.terminate();
      resolve(result);
    };
    const watchdog = setTimeout(
      () => finish(err('extract-timeout', { seconds: timeoutMs / 1000 })),
      timeoutMs,
    );
    worker.onmessage = (event: MessageEvent<ExtractWorkerAnswer>) => {
      const { result, timing } = event.data;
      markWorkerTiming(timing);
      finish(result.ok ? sanitiseArticle(result.value) : result);
    };
    worker.onerror = (event) => finish(err('extract-failed', { detail: event.message || 'worker error' }));
    worker.postMessage({ html: capture.html, url: capture.url });
  });
}

/** The Worker's times as this page's performance marks (rm:worker-ready…), read by npm run bench:preview. */
function markWorkerTiming(timing: ExtractWorkerAnswer['timing']): void {
  for (const [name, at] of Object.entries(timing))
    performance.mark(`rm:worker-${name}`, { startTime: Math.max(0, at - performance.timeOrigin) });
}

function sanitiseArticle(article: ExtractedArticle): Result<ExtractedArticle> {
  // A browser where DOMPurify cannot work throws here: say so, not a watchdog timeout 10 s later.
  let sanitise: Sanitiser;
  try {
    sanitise = createSanitiser(window);
  } catch (thrown) {
    return fail(errorFromThrown(thrown, 'extract-failed'));
  }
  return ok({
    ...article,
    contentHtml: sanitise(article.contentHtml),
    removed: article.removed.map((block) => ({ ...block, html: sanitise(block.html) })),
  });
}

import { browser } from 'wxt/browser';
import type { Sanitiser } from '@/utils/extraction';
import type { ArticlePreview, PageCapture } from '@/utils/messaging';
import { type ExtractedArticle, err, errorFromThrown, fail, ok, type Result } from '@/utils/model';

export const EXTRACTION_TIMEOUT_MS = 10_000;

/**
 * A Worker answers this many extractions, then is replaced: the pipeline keeps nothing between
 * pages, and a fresh heap now and then bounds whatever a library might leak.
 */
export const EXTRACTIONS_PER_WORKER = 100;

/** What extract-worker.js answers: the pipeline's result, and when (ms since the epoch) it ran. */
export interface ExtractWorkerAnswer {
  result: Result<ExtractedArticle>;
  timing: ExtractTiming;
}

/** The Worker's script ready, the page received, the extraction done (ms since the epoch). */
export interface ExtractTiming {
  ready: number;
  received: number;
  extracted: number;
}

/** The part of a Worker the extractor uses (tests give it stand-ins). */
export interface ExtractWorker {
  postMessage(page: { html: string; url: string }): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<ExtractWorkerAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface Extractor {
  /** Starts a Worker now, so that loading and compiling its script (the pipeline, hundreds of kB) is done before the next extraction needs it. */
  prewarm(): void;
  /** The article of a captured page (not sanitised: see extractInWorker), or why there is none. */
  extract(
    capture: PageCapture,
    options?: { timeoutMs?: number; onTiming?: (timing: ExtractTiming) => void },
  ): Promise<Result<ExtractedArticle>>;
}

/**
 * Extractions in Workers with a watchdog. A Worker that answered is kept for the next extraction
 * (its script loaded and its code compiled: a warm Worker extracts several times faster than a new
 * one), up to EXTRACTIONS_PER_WORKER; one that hangs past the watchdog or crashes is terminated
 * and a new one started for the next page. A hostile page can cost one Worker, never the next
 * extraction. Extractions asked for at once each get their own Worker.
 */
export function createExtractor(spawn: () => ExtractWorker): Extractor {
  let idle: { worker: ExtractWorker; uses: number } | null = null;

  const prewarm = () => {
    idle ??= { worker: spawn(), uses: 0 };
  };

  const extract: Extractor['extract'] = (capture, { timeoutMs = EXTRACTION_TIMEOUT_MS, onTiming } = {}) =>
    new Promise((resolve) => {
      const taken = idle ?? { worker: spawn(), uses: 0 };
      idle = null;
      const { worker } = taken;
      const finish = (result: Result<ExtractedArticle>, healthy: boolean) => {
        clearTimeout(watchdog);
        worker.onmessage = null;
        worker.onerror = null;
        const uses = taken.uses + 1;
        if (healthy && idle === null && uses < EXTRACTIONS_PER_WORKER) idle = { worker, uses };
        else {
          worker.terminate();
          // The next page should not wait for a new Worker's script because this one was killed.
          if (!healthy) prewarm();
        }
        resolve(result);
      };
      const watchdog = setTimeout(
        () => finish(err('extract-timeout', { seconds: timeoutMs / 1000 }), false),
        timeoutMs,
      );
      worker.onmessage = (event) => {
        const { result, timing } = event.data;
        onTiming?.(timing);
        finish(result, true);
      };
      worker.onerror = (event) =>
        finish(err('extract-failed', { detail: event.message || 'worker error' }), false);
      worker.postMessage({ html: capture.html, url: capture.url });
    });

  return { prewarm, extract };
}

/** This context's Workers for extraction-worker.js (the built entrypoints/extract-worker.ts). */
const local = createExtractor(() => new Worker(browser.runtime.getURL('/extract-worker.js')));

/** Starts this context's extraction Worker ahead of need (see Extractor.prewarm). */
export function prewarmExtractWorker(): void {
  local.prewarm();
}

/**
 * Starts this context's Worker and has it extract a small page of its own, so that the pipeline's
 * code is compiled before the reader's first page (a Worker's first extraction costs several times
 * its later ones). For a context that outlives the popups: the offscreen document.
 */
export function warmUpExtraction(): void {
  local.prewarm();
  void local.extract(WARM_UP_PAGE);
}

/** Our own prose, shaped like a news story: headline, byline, paragraphs, a related-links box. */
const WARM_UP_PAGE: PageCapture = {
  url: 'https://readmark.invalid/warm-up',
  title: 'Harbour bridge to be rebuilt',
  html: `<!doctype html><html lang="en"><head><title>Harbour bridge to be rebuilt</title>
<meta name="author" content="A. Reporter"><meta property="og:site_name" content="Harbour News"></head>
<body><header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header><main><article>
<h1>Harbour bridge to be rebuilt</h1><p class="byline">By A. Reporter</p>
${'<p>The council voted on Tuesday to replace the old harbour bridge, which engineers say can no longer carry buses safely. Work starts in spring and should take two years, during which a ferry will run every twenty minutes.</p>'.repeat(8)}
<figure><img src="/bridge.jpg" alt="The bridge"><figcaption>The bridge at dusk.</figcaption></figure>
</article><aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Ferry timetable</a></li></ul></aside>
<form class="newsletter"><p>Sign up for our newsletter</p><input type="email"></form></main>
<footer><p>© Harbour News</p></footer></body></html>`,
};

/**
 * Runs the extraction pipeline over a captured page in a Worker with a watchdog (createExtractor),
 * then sanitises the result here, in the extension page, where DOMPurify has a real DOM. A page
 * that hangs or crashes the pipeline costs a terminated Worker and a clear message, never a frozen tab.
 */
export async function extractInWorker(
  capture: PageCapture,
  options: { timeoutMs?: number; onTiming?: (timing: ExtractTiming) => void } = {},
): Promise<Result<ExtractedArticle>> {
  const extracted = await local.extract(capture, options);
  return extracted.ok ? sanitiseArticle(extracted.value) : extracted;
}

/**
 * An extraction in two parts: what the popup's first paint shows, and the whole article, its HTML
 * sanitised when first asked for (after that paint: nothing the preview shows waits for DOMPurify).
 */
export interface PreviewExtraction {
  preview: ArticlePreview;
  /** The whole article, sanitised as extractInWorker answers it; asked again after a failure, it tries again. */
  complete(): Promise<Result<ExtractedArticle>>;
}

/** extractInWorker, its sanitising left until the whole article is asked for (PreviewExtraction). */
export async function extractForPreview(
  capture: PageCapture,
  options: { timeoutMs?: number; onTiming?: (timing: ExtractTiming) => void } = {},
): Promise<Result<PreviewExtraction>> {
  const extracted = await local.extract(capture, options);
  if (!extracted.ok) return extracted;
  const article = extracted.value;
  return ok({ preview: previewOf(article), complete: retryingOnce(() => sanitiseArticle(article)) });
}

/** The article without its HTML: the text the preview renders, and the removed blocks' summaries. */
export function previewOf({ contentHtml, removed, ...rest }: ExtractedArticle): ArticlePreview {
  return { ...rest, removed: removed.map(({ rule, label, sample }) => ({ rule, label, sample })) };
}

/** `run` once however often it is asked for, and again after it failed (a failure is not kept). */
export function retryingOnce<T>(run: () => Promise<Result<T>>): () => Promise<Result<T>> {
  let pending: Promise<Result<T>> | null = null;
  return () => {
    pending ??= run().then((result) => {
      if (!result.ok) pending = null;
      return result;
    });
    return pending;
  };
}

/**
 * DOMPurify and Readmark's policy, loaded when first needed: the popup's entry stays without them
 * (it sanitises only when the offscreen document is not there to do it). Made once per page: the
 * offscreen document sanitises every popup's article, and a new DOMPurify (with its probe) each
 * time was part of the preview's wait. A failed load is not kept: the next article tries again.
 */
let sanitiserMade: Promise<Sanitiser> | null = null;
const sanitiser = () => {
  sanitiserMade ??= import('@/utils/extraction')
    .then(({ createSanitiser }) => createSanitiser(window))
    .catch((thrown: unknown) => {
      sanitiserMade = null;
      throw thrown;
    });
  return sanitiserMade;
};

/** The Worker's times as this page's performance marks (rm:worker-ready…), read by npm run bench:preview. */
export function markWorkerTiming(timing: ExtractTiming): void {
  markEpochTimes('worker', timing);
}

/** Times another context took (ms since the epoch) as this page's marks `rm:<prefix>-<name>`. */
export function markEpochTimes<T extends { [K in keyof T]: number }>(prefix: string, times: T): void {
  for (const [name, at] of Object.entries(times) as [string, number][])
    performance.mark(`rm:${prefix}-${name}`, { startTime: Math.max(0, at - performance.timeOrigin) });
}

async function sanitiseArticle(article: ExtractedArticle): Promise<Result<ExtractedArticle>> {
  // A browser where DOMPurify cannot work throws here: say so, not a watchdog timeout 10 s later.
  let sanitise: Sanitiser;
  try {
    sanitise = await sanitiser();
  } catch (thrown) {
    return fail(errorFromThrown(thrown, 'extract-failed'));
  }
  return ok({
    ...article,
    contentHtml: sanitise(article.contentHtml),
    removed: article.removed.map((block) => ({ ...block, html: sanitise(block.html) })),
  });
}

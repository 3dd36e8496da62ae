import { filledIn, type HostThrottle, interleaveByHost, replaced, type ThrottleClock } from '@/utils/import';
import type { PageCapture } from '@/utils/messaging';
import { type ArticleMeta, type ExtractedArticle, encodeError, fail, ok, type Result } from '@/utils/model';
import { applyImportPlan, getArticle, listArticles, listHighlights, type ReadmarkDb } from '@/utils/storage';
import { awaitsDownload, siteAccessPattern } from './imported-downloads';
import { locateImported } from './locate-imported';

/** What one run of the download queue works with (the real ones in download-scheduler.ts; fakes in tests). */
export interface DownloadDeps {
  /** Fetches a page's HTML (and the URL it ended at after redirects). */
  fetchPage: (url: string) => Promise<Result<{ html: string; url: string }>>;
  /** Extracts and sanitises a fetched page (extractPage: offscreen document or Firefox's background page). */
  extract: (capture: PageCapture) => Promise<Result<ExtractedArticle>>;
  /** Whether the reader granted access to a site pattern (`https://example.org/*`). */
  hasAccess: (pattern: string) => Promise<boolean>;
  throttle: HostThrottle;
  clock: ThrottleClock;
}

export interface BatchLimits {
  /** At most this many articles per run. */
  size: number;
  /** No download starts after this many ms (the ones under way finish). */
  budgetMs: number;
  /** Downloads at a time, across sites. */
  concurrency: number;
}

export interface BatchResult {
  downloaded: number;
  failed: number;
  /** Articles still waiting whose site the reader gave access to: more runs are needed. */
  remaining: number;
}

/**
 * One run of the background download queue. The queue is the database itself: every imported
 * article still marked `notDownloaded` (and not failed) whose site the reader gave access to.
 * Sites take turns, each throttled; each article is written on its own (one transaction: body,
 * filled-in entry, highlights re-anchored in the new text) and a failure is recorded on the article
 * (`downloadError`) for the library to list and retry. A run stopped anywhere (the worker killed,
 * the browser closed) loses nothing and duplicates nothing: the next run starts from what is stored.
 */
export async function downloadBatch(
  db: ReadmarkDb,
  deps: DownloadDeps,
  limits: BatchLimits,
): Promise<BatchResult> {
  const accessible = await accessiblePending(db, deps);
  const queue = interleaveByHost(accessible, (meta) => new URL(meta.url).host).slice(0, limits.size);
  const start = deps.clock.now();
  const counts = { downloaded: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const meta = queue[next++]!;
      await deps.throttle.wait(new URL(meta.url).host);
      // Its turn came after the budget: it stays queued for the next run.
      if (deps.clock.now() - start >= limits.budgetMs) return;
      const result = await downloadOne(db, meta, deps);
      if (result.ok) counts.downloaded++;
      else counts.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, queue.length) }, worker));
  return { ...counts, remaining: (await accessiblePending(db, deps)).length };
}

/** Imported articles waiting for their page, on sites the reader gave access to (each site asked once). */
async function accessiblePending(db: ReadmarkDb, deps: DownloadDeps): Promise<ArticleMeta[]> {
  const pending = (await listArticles(db)).filter((meta) => awaitsDownload(meta));
  const access = new Map<string, Promise<boolean>>();
  const allowed = await Promise.all(
    pending.map((meta) => {
      const pattern = siteAccessPattern(meta.url);
      if (!access.has(pattern)) access.set(pattern, deps.hasAccess(pattern));
      return access.get(pattern)!;
    }),
  );
  return pending.filter((_, i) => allowed[i]);
}

/** Retry: the failed articles wait again (their reasons cleared), for the next run to pick up. */
export async function requeueFailed(db: ReadmarkDb, now: number): Promise<Result<number>> {
  const failed = (await listArticles(db)).filter((meta) => meta.notDownloaded === 1 && meta.downloadError);
  if (failed.length === 0) return ok(0);
  const putArticles = failed.map(({ downloadError: _reason, ...meta }) => ({ ...meta, updatedAt: now }));
  const written = await applyImportPlan(db, emptyPlan({ putArticles }), { sanitise: alreadySanitised });
  return written.ok ? ok(failed.length) : written;
}

async function downloadOne(db: ReadmarkDb, meta: ArticleMeta, deps: DownloadDeps): Promise<Result<void>> {
  const page = await deps.fetchPage(meta.url);
  const article = page.ok
    ? await deps.extract({ html: page.value.html, url: page.value.url, title: '' })
    : page;
  const now = deps.clock.now();
  const current = await getArticle(db, meta.id);
  // Deleted, or downloaded meanwhile: nothing to do.
  if (current?.meta.notDownloaded !== 1) return ok(undefined);
  const written = article.ok ? await writeDownloaded(db, current.meta, article.value, now) : article;
  if (written.ok) return written;
  // A failed fetch, extraction or write (rolled back whole) is recorded, so it waits for Retry
  // instead of being tried again on every tick.
  const failed = { ...current.meta, downloadError: encodeError(written.error), updatedAt: now };
  const recorded = await applyImportPlan(db, emptyPlan({ putArticles: [failed] }), {
    sanitise: alreadySanitised,
  });
  return recorded.ok ? fail(written.error) : recorded;
}

/** One transaction: the body, the entry filled in, its highlights placed again in the new text. */
async function writeDownloaded(
  db: ReadmarkDb,
  meta: ArticleMeta,
  article: ExtractedArticle,
  now: number,
): Promise<Result<void>> {
  const text = article.textContent;
  const highlights = (await listHighlights(db, meta.id)).map((highlight) =>
    replaced(highlight, text, locateImported, now),
  );
  const written = await applyImportPlan(
    db,
    emptyPlan({
      putArticles: [filledIn(meta, article, now)],
      putContents: [
        { articleId: meta.id, contentHtml: article.contentHtml, textContent: text, removed: article.removed },
      ],
      putHighlights: highlights,
    }),
    { sanitise: alreadySanitised },
  );
  return written.ok ? ok(undefined) : written;
}

/**
 * extractPage sanitises in a context with a DOM (offscreen document, Firefox's background page),
 * as saveArticle's callers do; Chrome's service worker has no DOM to sanitise again.
 */
const alreadySanitised = (html: string) => html;

function emptyPlan(
  writes: Partial<Parameters<typeof applyImportPlan>[1]>,
): Parameters<typeof applyImportPlan>[1] {
  return { deleteArticleIds: [], putArticles: [], putContents: [], putHighlights: [], ...writes };
}

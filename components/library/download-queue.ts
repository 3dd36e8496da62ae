import type { Sanitiser } from '@/utils/extraction';
import { filledIn, type HostThrottle, interleaveByHost, replaced } from '@/utils/import';
import { type ArticleMeta, type ExtractedArticle, err, ok, type Result } from '@/utils/model';
import { applyImportPlan, getArticle, listArticles, listHighlights, type ReadmarkDb } from '@/utils/storage';
import { locateImported } from '../shared/locate-imported';

/** Imported articles whose page has not been fetched yet (failed ones only when retrying). */
export async function pendingDownloads(db: ReadmarkDb, retryFailed: boolean): Promise<ArticleMeta[]> {
  const metas = await listArticles(db);
  return metas.filter((meta) => meta.notDownloaded === 1 && (retryFailed || !meta.downloadError));
}

/**
 * `https://example.org/*` for each host of these articles: the only access a download asks for.
 * Match patterns carry no port, so a host's pattern covers all of its ports.
 */
export function originsOf(metas: readonly ArticleMeta[]): string[] {
  return [
    ...new Set(
      metas.map((meta) => {
        const url = new URL(meta.url);
        return `${url.protocol}//${url.hostname}/*`;
      }),
    ),
  ];
}

export interface DownloadOptions {
  /** Fetches a page's HTML (and the URL it ended at after redirects). */
  fetchPage: (url: string, signal?: AbortSignal) => Promise<Result<{ html: string; url: string }>>;
  extract: (html: string, url: string) => Promise<Result<ExtractedArticle>>;
  sanitise: Sanitiser;
  throttle: HostThrottle;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Downloads imported articles: hosts take turns, each host throttled, a few at a time. Each
 * article is written on its own (one transaction: body, filled-in entry, highlights re-anchored
 * in the new text); a failure is recorded on the article (`downloadError`) for the library to
 * list and retry. Stopping halfway loses nothing: what is left stays "not downloaded".
 */
export async function downloadArticles(
  db: ReadmarkDb,
  metas: readonly ArticleMeta[],
  options: DownloadOptions,
): Promise<{ downloaded: number; failed: number }> {
  const queue = interleaveByHost(metas, (meta) => new URL(meta.url).host);
  const counts = { downloaded: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < queue.length && !options.signal?.aborted) {
      const meta = queue[next++]!;
      await options.throttle.wait(new URL(meta.url).host);
      const result = await downloadOne(db, meta, options);
      if (result.ok) counts.downloaded++;
      else counts.failed++;
      options.onProgress?.(counts.downloaded + counts.failed, queue.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 3, queue.length) }, worker));
  return counts;
}

async function downloadOne(
  db: ReadmarkDb,
  meta: ArticleMeta,
  options: DownloadOptions,
): Promise<Result<void>> {
  const now = options.now?.() ?? Date.now();
  const page = await options.fetchPage(meta.url, options.signal);
  const article = page.ok ? await options.extract(page.value.html, page.value.url) : page;
  const current = await getArticle(db, meta.id);
  // Deleted, or downloaded by another page meanwhile: nothing to do.
  if (current?.meta.notDownloaded !== 1) return ok(undefined);
  if (!article.ok) {
    const failed = { ...current.meta, downloadError: article.error.slice(0, 500), updatedAt: now };
    const written = await applyImportPlan(db, emptyPlan({ putArticles: [failed] }), {
      sanitise: options.sanitise,
    });
    return written.ok ? err(article.error) : written;
  }
  const text = article.value.textContent;
  const highlights = (await listHighlights(db, meta.id)).map((highlight) =>
    replaced(highlight, text, locateImported, now),
  );
  const written = await applyImportPlan(
    db,
    emptyPlan({
      putArticles: [filledIn(current.meta, article.value, now)],
      putContents: [
        {
          articleId: meta.id,
          contentHtml: article.value.contentHtml,
          textContent: text,
          removed: article.value.removed,
        },
      ],
      putHighlights: highlights,
    }),
    { sanitise: options.sanitise },
  );
  return written.ok ? ok(undefined) : written;
}

function emptyPlan(
  writes: Partial<Parameters<typeof applyImportPlan>[1]>,
): Parameters<typeof applyImportPlan>[1] {
  return { deleteArticleIds: [], putArticles: [], putContents: [], putHighlights: [], ...writes };
}

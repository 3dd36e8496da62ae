import type { EntityTable } from 'dexie';
import {
  type ArticleContent,
  type ArticleMeta,
  describeThrown,
  err,
  type Highlight,
  type ImageBytes,
  type ImageLink,
  ok,
  type Result,
} from '@/utils/model';
import type { ReadmarkDb } from './db';
import { readImagesForExport } from './images';
import { SEARCH_INDEX_KEY } from './search-index-store';

/** Everything a backup holds, as stored (the shape createBackup in utils/export takes). */
export interface LibrarySnapshot {
  articles: { meta: ArticleMeta; content: ArticleContent; images?: ImageLink[] }[];
  highlights: Highlight[];
  settings: Record<string, unknown>;
  /** The articles' stored pictures, each once. */
  images: ImageBytes[];
}

/** Progress and cancellation for reads and writes that walk the whole library. */
export interface StorageProgress {
  /** Called after each chunk with the records done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it ends the work with the error 'cancelled' and nothing written. */
  signal?: AbortSignal;
}

// Records per read or write request: small enough to report progress often, big enough to stay fast.
const CHUNK = 500;

/**
 * Reads the whole library for a backup: every article with its body, every highlight, every
 * setting. One read transaction, so the backup is a consistent snapshot even if another page saves
 * meanwhile; read in chunks of CHUNK records by key so progress can be shown and cancelled. An
 * article whose body is missing is left out with its highlights (none could be shown or restored).
 */
export async function readLibraryForBackup(
  db: ReadmarkDb,
  options: StorageProgress = {},
): Promise<Result<LibrarySnapshot>> {
  const { onProgress, signal } = options;
  try {
    const snapshot = await db.transaction(
      'r',
      db.articles,
      db.contents,
      db.highlights,
      db.settings,
      async () => {
        const total = (await db.articles.count()) + (await db.highlights.count());
        const snapshot: LibrarySnapshot = { articles: [], highlights: [], settings: {}, images: [] };
        const kept = new Set<string>();
        let done = 0;
        const progress = (records: number) => {
          done += records;
          onProgress?.(done, total);
        };
        const articlesRead = await inPages(db.articles, signal, async (metas) => {
          const contents = await db.contents.bulkGet(metas.map((meta) => meta.id));
          metas.forEach((meta, i) => {
            const content = contents[i];
            if (!content) return;
            snapshot.articles.push({ meta, content });
            kept.add(meta.id);
          });
          progress(metas.length);
        });
        const highlightsRead =
          articlesRead &&
          (await inPages(db.highlights, signal, async (highlights) => {
            for (const highlight of highlights)
              if (kept.has(highlight.articleId)) snapshot.highlights.push(highlight);
            progress(highlights.length);
          }));
        if (!highlightsRead) return err('cancelled');
        // The saved search index is derived data (tens of MB at 10k articles): rebuilt after a
        // restore, never backed up.
        for (const { key, value } of await db.settings.toArray()) {
          if (key !== SEARCH_INDEX_KEY) snapshot.settings[key] = value;
        }
        return ok(snapshot);
      },
    );
    if (!snapshot.ok) return snapshot;
    // Pictures are read after (their bytes cannot be awaited inside the transaction).
    const pictures = await readImagesForExport(
      db,
      snapshot.value.articles.map((article) => article.meta.id),
    );
    for (const article of snapshot.value.articles) article.images = pictures.links.get(article.meta.id) ?? [];
    snapshot.value.images = [...pictures.images.values()];
    return snapshot;
  } catch (error) {
    return err('library-unreadable', { detail: describeThrown(error) });
  }
}

/**
 * Hands every record of a table keyed by `id` to `visit`, CHUNK records at a time in key order
 * (keyset paging: each page starts after the last key seen). False when `signal` aborted.
 */
async function inPages<T extends { id: string }>(
  table: EntityTable<T, 'id'>,
  signal: AbortSignal | undefined,
  visit: (records: T[]) => Promise<void>,
): Promise<boolean> {
  for (let after: string | null = null; ; ) {
    if (signal?.aborted) return false;
    const from = after === null ? table.toCollection() : table.where(':id').above(after);
    const records: T[] = await from.limit(CHUNK).toArray();
    if (!records.length) return true;
    await visit(records);
    after = (records.at(-1) as T).id;
  }
}

/** One article ready to export: metadata, body and highlights (in order of creation). */
export interface ArticleForExport {
  meta: ArticleMeta;
  content: ArticleContent;
  highlights: Highlight[];
}

/**
 * Reads the given articles with their bodies and highlights, in the order of `ids`, handing them
 * to `visit` a chunk at a time (so a caller converts as it goes and memory stays flat). Ids not
 * (or no longer) in the library are left out. Answers false when `signal` aborted it.
 */
export async function readArticlesForExport(
  db: ReadmarkDb,
  ids: readonly string[],
  visit: (articles: ArticleForExport[], idsDone: number) => void,
  { signal, chunk = 100 }: { signal?: AbortSignal; chunk?: number } = {},
): Promise<boolean> {
  for (let start = 0; start < ids.length; start += chunk) {
    if (signal?.aborted) return false;
    const slice = ids.slice(start, start + chunk);
    const found = await db.transaction('r', db.articles, db.contents, db.highlights, async () => {
      const [metas, contents, highlights] = await Promise.all([
        db.articles.bulkGet(slice),
        db.contents.bulkGet(slice),
        db.highlights.where('articleId').anyOf(slice).sortBy('createdAt'),
      ]);
      return metas.flatMap((meta, i) => {
        const content = contents[i];
        if (!meta || !content) return [];
        return [{ meta, content, highlights: highlights.filter((h) => h.articleId === meta.id) }];
      });
    });
    visit(found, start + slice.length);
  }
  return !signal?.aborted;
}

import type { IndexableType, Table } from 'dexie';
import type {
  ArticleContent,
  ArticleMeta,
  Highlight,
  ImageLink,
  ReviewCard,
  ReviewLogEntry,
} from '@/utils/model';
import { describeThrown, err, ok, type Result } from '@/utils/model';
import type { ReadmarkDb } from './db';
import { SEARCH_INDEX_KEY } from './search-index-store';

/** Every table a backup holds: what export reads and a restore writes, each in one transaction. */
export const backupTables = (db: ReadmarkDb) => [
  db.articles,
  db.contents,
  db.highlights,
  db.settings,
  db.articleImages,
  db.imageBlobs,
  db.reviewCards,
  db.reviewLog,
];

/** One article as a backup writes it: metadata, body and the links to its stored pictures. */
export interface ArticleForBackup {
  meta: ArticleMeta;
  content: ArticleContent;
  images: ImageLink[];
}

/** Where readLibraryInPages hands the library, a page at a time, in the backup's order. */
export interface LibraryPageVisitor {
  settings: (settings: Record<string, unknown>) => void;
  articles: (articles: ArticleForBackup[]) => void;
  highlights: (highlights: Highlight[]) => void;
  /** The review schedules and log of the highlights handed out (schema version 6). */
  reviewCards?: (cards: ReviewCard[]) => void;
  reviewLog?: (lines: ReviewLogEntry[]) => void;
}

/** What a paged read saw: the counts handed out, and the pictures the articles link to (bytes not read yet). */
export interface LibraryRead {
  articles: number;
  highlights: number;
  reviewCards: number;
  reviewLog: number;
  /** hash → the stored picture, each once, in the order the articles first name them. */
  pictures: Map<string, Blob>;
}

/** Progress and cancellation for reads and writes that walk the whole library. */
export interface StorageProgress {
  /** Called after each chunk with the records done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it ends the work with the error 'cancelled' and nothing written. */
  signal?: AbortSignal;
}

// Records per read request: a page of articles is a few MB of bodies, so the heap holds little.
const CHUNK = 200;

/**
 * Reads the whole library for a backup and hands it to `visit` a page at a time (settings, then
 * articles with their bodies and picture links, then highlights, then their review schedules and
 * log), so a writer can turn each page
 * into text and let it go: memory stays flat however large the library. One read transaction, so
 * the backup is a consistent snapshot even if another page saves meanwhile (the visitor must not
 * await anything). An article whose body is missing is left out with its highlights (none could
 * be shown or restored); a link to a picture no longer stored is left out.
 */
export async function readLibraryInPages(
  db: ReadmarkDb,
  visit: LibraryPageVisitor,
  options: StorageProgress = {},
): Promise<Result<LibraryRead>> {
  const { onProgress, signal } = options;
  try {
    return await db.transaction('r', backupTables(db), async () => {
      const total = (await db.articles.count()) + (await db.highlights.count());
      const read: LibraryRead = {
        articles: 0,
        highlights: 0,
        reviewCards: 0,
        reviewLog: 0,
        pictures: new Map(),
      };
      const kept = new Set<string>();
      const keptHighlights = new Set<string>();
      let done = 0;
      const progress = (records: number) => {
        done += records;
        onProgress?.(done, total);
      };
      const settings: Record<string, unknown> = {};
      // The saved search index is derived data (tens of MB at 10k articles): rebuilt after a
      // restore, never backed up.
      for (const { key, value } of await db.settings.toArray())
        if (key !== SEARCH_INDEX_KEY) settings[key] = value;
      visit.settings(settings);
      const articlesRead = await inPages(db.articles, byId, signal, async (metas) => {
        const ids = metas.map((meta) => meta.id);
        const [contents, links] = await Promise.all([
          db.contents.bulkGet(ids),
          db.articleImages.where('articleId').anyOf(ids).toArray(),
        ]);
        const fresh = [...new Set(links.map((link) => link.hash))].filter((h) => !read.pictures.has(h));
        for (const stored of await db.imageBlobs.bulkGet(fresh))
          if (stored) read.pictures.set(stored.hash, stored.blob);
        const page: ArticleForBackup[] = [];
        metas.forEach((meta, i) => {
          const content = contents[i];
          if (!content) return;
          const images = links
            .filter((link) => link.articleId === meta.id && read.pictures.has(link.hash))
            .map(({ url, hash }) => ({ url, hash }));
          page.push({ meta, content, images });
          kept.add(meta.id);
        });
        visit.articles(page);
        read.articles += page.length;
        progress(metas.length);
      });
      const highlightsRead =
        articlesRead &&
        (await inPages(db.highlights, byId, signal, async (highlights) => {
          const page = highlights.filter((highlight) => kept.has(highlight.articleId));
          for (const highlight of page) keptHighlights.add(highlight.id);
          visit.highlights(page);
          read.highlights += page.length;
          progress(highlights.length);
        }));
      // Only the schedules and log lines of highlights in the file: a restore checks each
      // against its highlight.
      const cardsRead =
        highlightsRead &&
        (await inPages(
          db.reviewCards,
          (card) => card.highlightId,
          signal,
          async (cards) => {
            const page = cards.filter((card) => keptHighlights.has(card.highlightId));
            visit.reviewCards?.(page);
            read.reviewCards += page.length;
          },
        ));
      const logRead =
        cardsRead &&
        (await inPages(
          db.reviewLog,
          (line): [string, number] => [line.highlightId, line.reviewedAt],
          signal,
          async (lines) => {
            const page = lines.filter((line) => keptHighlights.has(line.highlightId));
            visit.reviewLog?.(page);
            read.reviewLog += page.length;
          },
        ));
      return logRead ? ok(read) : err('cancelled');
    });
  } catch (error) {
    return err('library-unreadable', { detail: describeThrown(error) });
  }
}

const byId = <T extends { id: string }>(record: T) => record.id;

/**
 * Hands every record of a table to `visit`, CHUNK records at a time in primary key order (keyset
 * paging: each page starts after the last key seen; `keyOf` reads a record's primary key). False
 * when `signal` aborted.
 */
async function inPages<T, K extends IndexableType, Insert>(
  table: Table<T, K, Insert>,
  keyOf: (record: T) => K,
  signal: AbortSignal | undefined,
  visit: (records: T[]) => Promise<void>,
): Promise<boolean> {
  for (let after: K | null = null; ; ) {
    if (signal?.aborted) return false;
    const from = after === null ? table.toCollection() : table.where(':id').above(after);
    const records: T[] = await from.limit(CHUNK).toArray();
    if (!records.length) return true;
    await visit(records);
    after = keyOf(records.at(-1) as T);
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

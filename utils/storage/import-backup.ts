import Dexie from 'dexie';
import {
  type AppError,
  type ArticleContent,
  type ArticleImage,
  type ArticleMeta,
  err,
  fail,
  type Highlight,
  type ImageBytes,
  ok,
  type Result,
  type ReviewCard,
  type ReviewLogEntry,
} from '@/utils/model';
import type { ReadmarkDb, SettingRecord } from './db';
import { backupTables, type StorageProgress } from './export-library';
import { deleteArticleImages } from './images';
import { storageError } from './storage-error';

/**
 * One batch of an import's writes, in the shape of utils/export's ImportPlan (storage may not
 * import that room, so the type is stated here; an ImportPlan is assignable to it): deletes
 * first, then puts.
 */
export interface ImportBatch {
  /** Existing articles to delete with their bodies and highlights, before anything is put. */
  deleteArticleIds: readonly string[];
  putArticles: readonly ArticleMeta[];
  /** Bodies exactly as read from the file: they are sanitised as they are written. */
  putContents: readonly ArticleContent[];
  putHighlights: readonly Highlight[];
  /** Picture links of the articles put, and the pictures (bytes checked against their hash by the parser). */
  putImageLinks?: readonly ArticleImage[];
  putImages?: readonly ImageBytes[];
  /** Review schedules and log lines, after the highlights they name (in this batch or an earlier one). */
  putReviewCards?: readonly ReviewCard[];
  putReviewLog?: readonly ReviewLogEntry[];
}

/** The writes of a whole import, plus settings already validated (each setting's owner knows what is valid). */
export interface ImportWrites extends ImportBatch {
  putSettings?: readonly SettingRecord[];
}

export interface ApplyImportOptions extends StorageProgress {
  /**
   * Makes untrusted HTML safe to store (DOMPurify with Readmark's policy: createSanitiser from
   * utils/extraction). Required: a backup is a file anyone can edit, so `contentHtml` and
   * `removed[].html` are sanitised here, in the same pass that writes them.
   */
  sanitise: (html: string) => string;
}

export interface ApplyImportStreamOptions extends ApplyImportOptions {
  /** Written last, in the same transaction. */
  putSettings?: readonly SettingRecord[];
  /** The records the batches will hold, for progress. */
  total: number;
}

/** What an import wrote. */
export interface ImportCounts {
  articles: number;
  highlights: number;
  settings: number;
  /** Highlights given a new id because theirs belonged to a different article of the library. */
  renamedHighlights: number;
  reviewCards: number;
  reviewLog: number;
}

const CHUNK = 500;

/**
 * Applies an import in ONE transaction over articles, contents, highlights, pictures and
 * settings: deletes first, then puts, in chunks so progress can be shown and cancelled. All or
 * nothing: a failure (quota, a record IndexedDB refuses, a canonical URL another page saved
 * meanwhile) or a cancel aborts the transaction and leaves the library exactly as it was.
 */
export async function applyImportPlan(
  db: ReadmarkDb,
  plan: ImportWrites,
  options: ApplyImportOptions,
): Promise<Result<ImportCounts>> {
  const batches: ImportBatch[] = [];
  for (let start = 0; start < plan.putArticles.length || start < plan.deleteArticleIds.length; start += CHUNK)
    batches.push({
      deleteArticleIds: plan.deleteArticleIds.slice(start, start + CHUNK),
      putArticles: plan.putArticles.slice(start, start + CHUNK),
      putContents: plan.putContents.slice(start, start + CHUNK),
      putHighlights: [],
    });
  // Highlights after every delete and article: a highlight is re-pointed only once its article is there.
  for (let start = 0; start < plan.putHighlights.length; start += CHUNK)
    batches.push({
      deleteArticleIds: [],
      putArticles: [],
      putContents: [],
      putHighlights: plan.putHighlights.slice(start, start + CHUNK),
    });
  batches.push({
    deleteArticleIds: [],
    putArticles: [],
    putContents: [],
    putHighlights: [],
    putImageLinks: plan.putImageLinks,
    putImages: plan.putImages,
    putReviewCards: plan.putReviewCards,
    putReviewLog: plan.putReviewLog,
  });
  const total =
    plan.deleteArticleIds.length +
    plan.putArticles.length +
    plan.putContents.length +
    plan.putHighlights.length;
  return applyImportStream(db, async () => ok(batches.shift() ?? null), {
    ...options,
    putSettings: plan.putSettings,
    total,
  });
}

/**
 * Applies an import whose writes come in batches (a backup file read a page at a time), all in
 * ONE transaction: `next` is awaited inside it (Dexie.waitFor keeps the transaction open while the
 * file is read), so the whole import still stands or falls together: a batch that fails to come
 * (`next` answers an error: the file turned out damaged), a write that fails, or a cancel aborts
 * the transaction and leaves the library exactly as it was. Each batch is written and let go, so
 * memory holds one batch at a time.
 */
export async function applyImportStream(
  db: ReadmarkDb,
  next: () => Promise<Result<ImportBatch | null>>,
  options: ApplyImportStreamOptions,
): Promise<Result<ImportCounts>> {
  const { sanitise, onProgress, signal, total } = options;
  const settings = options.putSettings ?? [];
  const deleted = new Set<string>();
  const counts: ImportCounts = {
    articles: 0,
    highlights: 0,
    settings: settings.length,
    renamedHighlights: 0,
    reviewCards: 0,
    reviewLog: 0,
  };
  // Highlights renamed by withoutForeignIds: their review records follow the new id.
  const renamed = new Map<string, string>();
  let done = 0;
  const progress = (records: number) => {
    done += records;
    onProgress?.(done, total);
  };
  try {
    await db.transaction('rw', backupTables(db), async () => {
      for (;;) {
        // Throwing inside the transaction's scope aborts it: nothing of this import stays.
        if (signal?.aborted) throw new ImportCancelled();
        const batch = await Dexie.waitFor(next());
        if (!batch.ok) throw new ImportSourceFailed(batch.error);
        if (!batch.value) break;
        const { deleteArticleIds: ids, putArticles, putContents, putHighlights } = batch.value;
        if (ids.length) {
          await db.highlights
            .where('articleId')
            .anyOf([...ids])
            .delete();
          await deleteArticleImages(db, ids);
          await db.contents.bulkDelete([...ids]);
          await db.articles.bulkDelete([...ids]);
          for (const id of ids) deleted.add(id);
          progress(ids.length);
        }
        await db.articles.bulkPut([...putArticles]);
        await db.contents.bulkPut(putContents.map((c) => sanitised(c, sanitise)));
        counts.articles += putArticles.length;
        progress(putArticles.length + putContents.length);
        if (putHighlights.length) {
          const safe = await withoutForeignIds(db, putHighlights, deleted);
          putHighlights.forEach((highlight, i) => {
            const id = safe.highlights[i]!.id;
            if (id !== highlight.id) renamed.set(highlight.id, id);
          });
          counts.renamedHighlights += safe.renamed;
          await db.highlights.bulkPut(safe.highlights);
          counts.highlights += putHighlights.length;
          progress(putHighlights.length);
        }
        if (batch.value.putImages?.length)
          await db.imageBlobs.bulkPut(
            batch.value.putImages.map(({ hash, type, bytes }) => {
              const blob = new Blob([bytes as BlobPart], { type });
              return { hash, blob, size: blob.size };
            }),
          );
        if (batch.value.putImageLinks?.length) await db.articleImages.bulkPut([...batch.value.putImageLinks]);
        const follow = <R extends { highlightId: string }>(record: R): R => {
          const id = renamed.get(record.highlightId);
          return id ? { ...record, highlightId: id } : record;
        };
        if (batch.value.putReviewCards?.length) {
          await db.reviewCards.bulkPut(batch.value.putReviewCards.map(follow));
          counts.reviewCards += batch.value.putReviewCards.length;
        }
        if (batch.value.putReviewLog?.length) {
          await db.reviewLog.bulkPut(batch.value.putReviewLog.map(follow));
          counts.reviewLog += batch.value.putReviewLog.length;
        }
      }
      if (signal?.aborted) throw new ImportCancelled();
      await db.settings.bulkPut([...settings]);
    });
    return ok(counts);
  } catch (error) {
    if (error instanceof ImportCancelled) return err('cancelled');
    if (error instanceof ImportSourceFailed) return fail(error.error);
    return fail(storageError(error));
  }
}

/** The batches stopped coming: their source's own error, passed on as it is. */
class ImportSourceFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}
class ImportCancelled extends Error {}

function sanitised(content: ArticleContent, sanitise: (html: string) => string): ArticleContent {
  return {
    ...content,
    contentHtml: sanitise(content.contentHtml),
    removed: content.removed.map((block) => ({ ...block, html: sanitise(block.html) })),
  };
}

/**
 * A backup's highlight must never overwrite a highlight of another article that stays in the
 * library (ids are only unique per file): such a highlight gets a fresh id instead.
 */
async function withoutForeignIds(
  db: ReadmarkDb,
  highlights: readonly Highlight[],
  deleted: ReadonlySet<string>,
) {
  const existing = await db.highlights.bulkGet(highlights.map((h) => h.id));
  let renamed = 0;
  const safe = highlights.map((highlight, i) => {
    const current = existing[i];
    if (!current || current.articleId === highlight.articleId || deleted.has(current.articleId))
      return highlight;
    renamed++;
    return { ...highlight, id: crypto.randomUUID() };
  });
  return { highlights: safe, renamed };
}

/**
 * Canonical URL → id of every article in the library: what planImport needs to find duplicates.
 * Read from the canonicalUrl index alone (no article record is loaded).
 */
export async function readCanonicalUrlIndex(db: ReadmarkDb): Promise<Map<string, string>> {
  return db.transaction('r', db.articles, async () => {
    const collection = db.articles.orderBy('canonicalUrl');
    const [urls, ids] = await Promise.all([collection.keys(), collection.primaryKeys()]);
    return new Map(urls.map((url, i) => [String(url), ids[i] as string]));
  });
}

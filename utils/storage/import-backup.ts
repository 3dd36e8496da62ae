import {
  type ArticleContent,
  type ArticleImage,
  type ArticleMeta,
  err,
  fail,
  type Highlight,
  type ImageBytes,
  ok,
  type Result,
} from '@/utils/model';
import type { ReadmarkDb, SettingRecord } from './db';
import type { StorageProgress } from './export-library';
import { deleteArticleImages } from './images';
import { storageError } from './storage-error';

/**
 * The writes of an import: the shape of utils/export's ImportPlan (storage may not import that
 * room, so the type is stated here; an ImportPlan is assignable to it), plus validated settings.
 */
export interface ImportWrites {
  /** Existing articles to delete with their bodies and highlights, before anything is put. */
  deleteArticleIds: readonly string[];
  putArticles: readonly ArticleMeta[];
  /** Bodies exactly as read from the file: applyImportPlan sanitises them. */
  putContents: readonly ArticleContent[];
  putHighlights: readonly Highlight[];
  /** Settings already validated by the caller (each setting's owner knows what is valid). */
  putSettings?: readonly SettingRecord[];
  /** Picture links of the articles put, and the pictures (bytes checked against their hash by the parser). */
  putImageLinks?: readonly ArticleImage[];
  putImages?: readonly ImageBytes[];
}

export interface ApplyImportOptions extends StorageProgress {
  /**
   * Makes untrusted HTML safe to store (DOMPurify with Readmark's policy: createSanitiser from
   * utils/extraction). Required: a backup is a file anyone can edit, so `contentHtml` and
   * `removed[].html` are sanitised here, in the same pass that writes them.
   */
  sanitise: (html: string) => string;
}

/** What an import wrote. */
export interface ImportCounts {
  articles: number;
  highlights: number;
  settings: number;
  /** Highlights given a new id because theirs belonged to a different article of the library. */
  renamedHighlights: number;
}

const CHUNK = 500;

/**
 * Applies an import in ONE transaction over articles, contents, highlights and settings: deletes
 * first, then puts, in chunks so progress can be shown and cancelled. All or nothing: a failure
 * (quota, a record IndexedDB refuses, a canonical URL another page saved meanwhile) or a cancel
 * aborts the transaction and leaves the library exactly as it was.
 */
export async function applyImportPlan(
  db: ReadmarkDb,
  plan: ImportWrites,
  options: ApplyImportOptions,
): Promise<Result<ImportCounts>> {
  const { sanitise, onProgress, signal } = options;
  const settings = plan.putSettings ?? [];
  const deleted = new Set(plan.deleteArticleIds);
  const total =
    plan.deleteArticleIds.length +
    plan.putArticles.length +
    plan.putContents.length +
    plan.putHighlights.length;
  let done = 0;
  const step = async <T>(items: readonly T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let start = 0; start < items.length; start += CHUNK) {
      // Throwing inside the transaction's scope aborts it: nothing of this import stays.
      if (signal?.aborted) throw new ImportCancelled();
      const chunk = items.slice(start, start + CHUNK);
      await write(chunk);
      done += chunk.length;
      onProgress?.(done, total);
    }
  };
  try {
    const renamed = await db.transaction(
      'rw',
      [db.articles, db.contents, db.highlights, db.settings, db.articleImages, db.imageBlobs],
      async () => {
        await step(plan.deleteArticleIds, async (ids) => {
          await db.highlights.where('articleId').anyOf(ids).delete();
          await deleteArticleImages(db, ids);
          await db.contents.bulkDelete(ids);
          await db.articles.bulkDelete(ids);
        });
        await step(plan.putArticles, (metas) => db.articles.bulkPut(metas));
        await step(plan.putContents, (contents) =>
          db.contents.bulkPut(contents.map((c) => sanitised(c, sanitise))),
        );
        let renamed = 0;
        await step(plan.putHighlights, async (highlights) => {
          const safe = await withoutForeignIds(db, highlights, deleted);
          renamed += safe.renamed;
          await db.highlights.bulkPut(safe.highlights);
        });
        if (signal?.aborted) throw new ImportCancelled();
        await db.imageBlobs.bulkPut(
          (plan.putImages ?? []).map(({ hash, type, bytes }) => {
            const blob = new Blob([bytes as BlobPart], { type });
            return { hash, blob, size: blob.size };
          }),
        );
        await db.articleImages.bulkPut([...(plan.putImageLinks ?? [])]);
        await db.settings.bulkPut([...settings]);
        return renamed;
      },
    );
    return ok({
      articles: plan.putArticles.length,
      highlights: plan.putHighlights.length,
      settings: settings.length,
      renamedHighlights: renamed,
    });
  } catch (error) {
    if (error instanceof ImportCancelled) return err('cancelled');
    return fail(storageError(error));
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
async function withoutForeignIds(db: ReadmarkDb, highlights: Highlight[], deleted: ReadonlySet<string>) {
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

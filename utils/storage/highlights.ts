import { err, fail, type Highlight, ok, type Result } from '@/utils/model';
import type { ReadmarkDb } from './db';
import { storageError } from './storage-error';

/** The highlights of one article, in reading order of creation. */
export function listHighlights(db: ReadmarkDb, articleId: string): Promise<Highlight[]> {
  return db.highlights.where('articleId').equals(articleId).sortBy('createdAt');
}

/** One highlight, or undefined when it does not exist. */
export function getHighlight(db: ReadmarkDb, id: string): Promise<Highlight | undefined> {
  return db.highlights.get(id);
}

/**
 * Stores a highlight (new, or put back by undo). Refuses one whose article is missing: a
 * highlight without its article could never be shown, so it would be lost silently.
 */
export async function putHighlight(db: ReadmarkDb, highlight: Highlight): Promise<Result<Highlight>> {
  try {
    return await db.transaction('rw', db.articles, db.highlights, async () => {
      if (!(await db.articles.get(highlight.articleId))) {
        return err('highlight-article-gone');
      }
      await db.highlights.put(highlight);
      return ok(highlight);
    });
  } catch (error) {
    return fail(storageError(error));
  }
}

/**
 * Stores a new highlight whose id its sender chose (a content script's createHighlight), once: the
 * same request sent again (its answer was lost when the worker stopped) gets the stored record
 * back, not a second highlight. An id already used for another passage or article is refused.
 */
export async function addHighlightOnce(db: ReadmarkDb, highlight: Highlight): Promise<Result<Highlight>> {
  try {
    return await db.transaction('rw', db.articles, db.highlights, async () => {
      const stored = await db.highlights.get(highlight.id);
      if (!stored) return putHighlight(db, highlight);
      const sameRequest =
        stored.articleId === highlight.articleId && stored.page?.quote.exact === highlight.page?.quote.exact;
      return sameRequest ? ok(stored) : err('highlight-other-page');
    });
  } catch (error) {
    return fail(storageError(error));
  }
}

/**
 * Puts back a deleted highlight (undo). Refused when its id is in use: an undo restores a
 * highlight that is gone, it never overwrites another one (of this article or of another).
 */
export async function restoreHighlight(db: ReadmarkDb, highlight: Highlight): Promise<Result<Highlight>> {
  try {
    return await db.transaction('rw', db.articles, db.highlights, async () => {
      if (await db.highlights.get(highlight.id)) {
        return err('highlight-already-there');
      }
      return putHighlight(db, highlight);
    });
  } catch (error) {
    return fail(storageError(error));
  }
}

/** Changes a highlight's colour, note or page selectors; answers the updated highlight. */
export async function updateHighlight(
  db: ReadmarkDb,
  id: string,
  changes: Partial<Pick<Highlight, 'color' | 'note' | 'page'>>,
  now: number = Date.now(),
): Promise<Result<Highlight>> {
  try {
    return await db.transaction('rw', db.highlights, async () => {
      const current = await db.highlights.get(id);
      if (!current) return err('highlight-gone');
      const next = { ...current, ...changes, updatedAt: now };
      await db.highlights.put(next);
      return ok(next);
    });
  } catch (error) {
    return fail(storageError(error));
  }
}

/** Deletes a highlight and answers it, so the caller can offer undo (restoreHighlight puts it back). */
export async function deleteHighlight(db: ReadmarkDb, id: string): Promise<Result<Highlight>> {
  try {
    return await db.transaction('rw', db.highlights, async () => {
      const current = await db.highlights.get(id);
      if (!current) return err('highlight-gone');
      await db.highlights.delete(id);
      return ok(current);
    });
  } catch (error) {
    return fail(storageError(error));
  }
}

import {
  type ArticleContent,
  type ArticleImage,
  type ArticleMeta,
  err,
  fail,
  type Highlight,
  type ImageBlob,
  ok,
  type Result,
} from '@/utils/model';
import type { ReadmarkDb } from './db';
import { deleteArticleImages } from './images';
import { storageError } from './storage-error';

/**
 * Library actions over many articles at once. Each runs in one transaction (all the articles
 * change, or none), stamps `updatedAt` on every article it changes (so the search index and the
 * library fingerprint see the change) and answers how many articles changed.
 *
 * Tags compare case-insensitively ("AI" and "ai" are one tag); callers pass tags already
 * normalised (see normaliseTag in utils/search), as this room imports no other room.
 */

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Applies `change` to each existing article of `ids`; articles it returns null for are left alone. */
async function updateMany(
  db: ReadmarkDb,
  ids: readonly string[],
  change: (meta: ArticleMeta) => Partial<ArticleMeta> | null,
  now: number,
): Promise<Result<number>> {
  try {
    return ok(
      await db.transaction('rw', db.articles, async () => {
        const metas = await db.articles.bulkGet([...ids]);
        const changed: ArticleMeta[] = [];
        for (const meta of metas) {
          const changes = meta && change(meta);
          if (meta && changes) changed.push({ ...meta, ...changes, updatedAt: now });
        }
        await db.articles.bulkPut(changed);
        return changed.length;
      }),
    );
  } catch (error) {
    return fail(storageError(error));
  }
}

/** Replaces the tags of every article in `ids`. */
export function setTags(db: ReadmarkDb, ids: readonly string[], tags: readonly string[], now = Date.now()) {
  return updateMany(db, ids, () => ({ tags: [...tags] }), now);
}

/** Adds a tag to every article in `ids` that does not carry it yet. */
export function addTag(db: ReadmarkDb, ids: readonly string[], tag: string, now = Date.now()) {
  return updateMany(
    db,
    ids,
    (meta) => (meta.tags.some((t) => sameTag(t, tag)) ? null : { tags: [...meta.tags, tag] }),
    now,
  );
}

/** Removes a tag (in any capitals) from every article in `ids` that carries it. */
export function removeTag(db: ReadmarkDb, ids: readonly string[], tag: string, now = Date.now()) {
  return updateMany(
    db,
    ids,
    (meta) =>
      meta.tags.some((t) => sameTag(t, tag)) ? { tags: meta.tags.filter((t) => !sameTag(t, tag)) } : null,
    now,
  );
}

/**
 * Renames a tag on every article that carries it, or merges it into `to` where that tag is
 * already in use (no article ends up with both). Renaming only the capitals counts as a change.
 */
export async function renameTagEverywhere(db: ReadmarkDb, from: string, to: string, now = Date.now()) {
  if (from.trim() === '' || to.trim() === '') return err('tag-name-empty');
  try {
    // The tags index is multi-entry: it finds the articles carrying the tag in any capitals.
    const ids = await db.articles.where('tags').equalsIgnoreCase(from).primaryKeys();
    return updateMany(
      db,
      ids,
      (meta) => {
        const tags: string[] = [];
        for (const tag of meta.tags.map((t) => (sameTag(t, from) ? to : t))) {
          if (!tags.some((t) => sameTag(t, tag))) tags.push(tag);
        }
        const same = tags.length === meta.tags.length && tags.every((t, i) => t === meta.tags[i]);
        return same ? null : { tags };
      },
      now,
    );
  } catch (error) {
    return fail(storageError(error));
  }
}

export function setFavourite(db: ReadmarkDb, ids: readonly string[], favourite: boolean, now = Date.now()) {
  const value = favourite ? 1 : 0;
  return updateMany(db, ids, (meta) => (meta.favourite === value ? null : { favourite: value }), now);
}

export function setArchived(db: ReadmarkDb, ids: readonly string[], archived: boolean, now = Date.now()) {
  const value = archived ? 1 : 0;
  return updateMany(db, ids, (meta) => (meta.archived === value ? null : { archived: value }), now);
}

/** Marks articles read (now) or unread; an article already in that state keeps its date. */
export function setRead(db: ReadmarkDb, ids: readonly string[], read: boolean, now = Date.now()) {
  return updateMany(
    db,
    ids,
    (meta) => {
      if (read) return meta.readAt === null ? { readAt: now } : null;
      return meta.readAt === null ? null : { readAt: null };
    },
    now,
  );
}

/** Everything deleteMany removed, kept by the caller for the undo window. */
export interface DeletedArticles {
  articles: ArticleMeta[];
  contents: ArticleContent[];
  highlights: Highlight[];
  /** The articles' picture links, and the pictures no other article used (deleted with them). */
  images: ArticleImage[];
  blobs: ImageBlob[];
}

/** Deletes articles with their bodies, highlights and pictures in one transaction; answers what it removed. */
export async function deleteMany(db: ReadmarkDb, ids: readonly string[]): Promise<Result<DeletedArticles>> {
  try {
    return ok(
      await db.transaction(
        'rw',
        [db.articles, db.contents, db.highlights, db.articleImages, db.imageBlobs],
        async () => {
          const keys = [...ids];
          const articles = (await db.articles.bulkGet(keys)).filter((m): m is ArticleMeta => !!m);
          const found = articles.map((m) => m.id);
          const contents = (await db.contents.bulkGet(found)).filter((c): c is ArticleContent => !!c);
          const highlights = await db.highlights.where('articleId').anyOf(found).toArray();
          const images = await db.articleImages.where('articleId').anyOf(found).toArray();
          const hashes = [...new Set(images.map((image) => image.hash))];
          const blobsBefore = await db.imageBlobs.bulkGet(hashes);
          await deleteArticleImages(db, found);
          const blobsAfter = await db.imageBlobs.bulkGet(hashes);
          const blobs = blobsBefore.filter((blob, i): blob is ImageBlob => !!blob && !blobsAfter[i]);
          await db.highlights.bulkDelete(highlights.map((h) => h.id));
          await db.contents.bulkDelete(found);
          await db.articles.bulkDelete(found);
          return { articles, contents, highlights, images, blobs };
        },
      ),
    );
  } catch (error) {
    return fail(storageError(error));
  }
}

/**
 * Puts back what deleteMany removed, as it was, in one transaction. Fails (and puts back nothing)
 * when the same page was saved again in the meantime.
 */
export async function restoreDeleted(db: ReadmarkDb, deleted: DeletedArticles): Promise<Result<number>> {
  try {
    await db.transaction(
      'rw',
      [db.articles, db.contents, db.highlights, db.articleImages, db.imageBlobs],
      async () => {
        await db.articles.bulkAdd(deleted.articles);
        await db.contents.bulkPut(deleted.contents);
        await db.highlights.bulkPut(deleted.highlights);
        await db.imageBlobs.bulkPut(deleted.blobs);
        await db.articleImages.bulkPut(deleted.images);
      },
    );
    return ok(deleted.articles.length);
  } catch (error) {
    return fail(storageError(error));
  }
}

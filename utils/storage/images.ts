import {
  type AppError,
  type ArticleImage,
  type CapturedImage,
  CodedError,
  type ExtractedArticle,
  fail,
  IMAGE_CAPS,
  type ImageBlob,
  type ImageBytes,
  type ImageLink,
  ok,
  type Result,
} from '@/utils/model';
import { type StoredArticle, savableKey, writeArticle } from './articles';
import type { ReadmarkDb } from './db';
import { isQuotaError, storageError } from './storage-error';

/** What was stored for an article's pictures. */
export interface ImageSummary {
  count: number;
  bytes: number;
}

/** The result of saving an article with its pictures. */
export interface SavedWithImages {
  meta: StoredArticle['meta'];
  images: ImageSummary;
  /** Set when the text was saved but the pictures were not (no space left): tell the reader. */
  imagesDropped: AppError | null;
}

/**
 * Saves an article and its pictures in ONE transaction: never pictures without their article.
 * When the disk is full, the article is saved again without its pictures and the reader is told:
 * the text is what they asked to keep and is small, and a save that loses the text (with the
 * removed blocks they chose to keep) because of optional pictures would lose their work.
 * Any other failure saves nothing and says so.
 */
export async function saveArticleWithImages(
  db: ReadmarkDb,
  article: ExtractedArticle,
  images: readonly CapturedImage[],
  now: number = Date.now(),
): Promise<Result<SavedWithImages>> {
  const key = savableKey(article);
  if (!key.ok) return key;
  const kept = withinCaps(images);
  const write = (pictures: readonly CapturedImage[]) =>
    db.transaction('rw', [db.articles, db.contents, db.articleImages, db.imageBlobs], async () => {
      const meta = await writeArticle(db, article, key.value, now);
      await replaceArticleImages(db, meta.id, pictures);
      return meta;
    });
  try {
    return ok({ meta: await write(kept), images: summarise(kept), imagesDropped: null });
  } catch (error) {
    if (!isQuotaError(error)) return fail(storageError(error));
  }
  try {
    return ok({
      meta: await write([]),
      images: { count: 0, bytes: 0 },
      imagesDropped: { code: 'images-no-space' },
    });
  } catch (error) {
    return fail(storageError(error));
  }
}

/**
 * Adds pictures to an article already saved (the reader's "Load images"). Pictures over the caps
 * (counting those already stored) are left out. All or nothing.
 */
export async function addArticleImages(
  db: ReadmarkDb,
  articleId: string,
  images: readonly CapturedImage[],
): Promise<Result<ImageSummary>> {
  try {
    return ok(
      await db.transaction('rw', [db.articles, db.articleImages, db.imageBlobs], async () => {
        if (!(await db.articles.get(articleId))) throw new CodedError({ code: 'article-gone' });
        const existing = await db.articleImages.where('articleId').equals(articleId).toArray();
        const sizes = await db.imageBlobs.bulkGet(existing.map((image) => image.hash));
        const already = new Set(existing.map((image) => image.url));
        const used = sizes.reduce((sum, blob) => sum + (blob?.size ?? 0), 0);
        const fresh = withinCaps(
          images.filter((image) => !already.has(image.url)),
          IMAGE_CAPS.perArticle - used,
          IMAGE_CAPS.perArticleCount - existing.length,
        );
        await putImages(db, articleId, fresh);
        return summarise(fresh);
      }),
    );
  } catch (error) {
    return fail(error instanceof CodedError ? error.error : storageError(error));
  }
}

/** The article's stored pictures by the URL its HTML names (for the reader and exports). */
export async function getArticleImages(db: ReadmarkDb, articleId: string): Promise<Map<string, Blob>> {
  return db.transaction('r', db.articleImages, db.imageBlobs, async () => {
    const links = await db.articleImages.where('articleId').equals(articleId).toArray();
    const blobs = await db.imageBlobs.bulkGet(links.map((link) => link.hash));
    const byUrl = new Map<string, Blob>();
    links.forEach((link, i) => {
      const stored = blobs[i];
      if (stored) byUrl.set(link.url, stored.blob);
    });
    return byUrl;
  });
}

/** How many pictures are stored for the article and how many bytes they take (shared ones counted once). */
export async function summariseArticleImages(db: ReadmarkDb, articleId: string): Promise<ImageSummary> {
  return db.transaction('r', db.articleImages, db.imageBlobs, async () => {
    const links = await db.articleImages.where('articleId').equals(articleId).toArray();
    const hashes = [...new Set(links.map((link) => link.hash))];
    const blobs = await db.imageBlobs.bulkGet(hashes);
    return { count: links.length, bytes: blobs.reduce((sum, blob) => sum + (blob?.size ?? 0), 0) };
  });
}

/**
 * Removes the image links of these articles and the blobs no other article uses. Call it inside
 * a transaction that includes articleImages and imageBlobs (article deletes and imports do).
 */
export async function deleteArticleImages(db: ReadmarkDb, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  const links = await db.articleImages.where('articleId').anyOf(articleIds).toArray();
  await db.articleImages.bulkDelete(links.map((link) => [link.articleId, link.url] as [string, string]));
  await dropUnusedBlobs(
    db,
    links.map((link) => link.hash),
  );
}

/** An article's picture links as sync merged them. */
export interface SyncedPictureLinks {
  articleId: string;
  links: readonly ImageLink[];
}

/**
 * Writes pictures received through sync and sets articles' links to what sync merged: a link is
 * written only when its picture is stored (one still on its way is linked when it arrives), and
 * the article's other links go. Pictures no article uses then are not kept. Call it inside a
 * transaction that includes articles, articleImages and imageBlobs (writeSyncedRecords does).
 */
export async function setSyncedPictures(
  db: ReadmarkDb,
  pictures: readonly ImageBlob[],
  articles: readonly SyncedPictureLinks[],
): Promise<void> {
  if (pictures.length) await db.imageBlobs.bulkPut([...pictures]);
  const touched = pictures.map((picture) => picture.hash);
  const present = await db.articles.bulkGet(articles.map((a) => a.articleId));
  for (const [i, { articleId, links }] of articles.entries()) {
    if (!present[i]) continue;
    const stored = await db.imageBlobs.bulkGet(links.map((link) => link.hash));
    const wanted = links.filter((_, j) => stored[j]);
    const keep = new Set(wanted.map((link) => `${link.url}\u0000${link.hash}`));
    const existing = await db.articleImages.where('articleId').equals(articleId).toArray();
    const stale = existing.filter((link) => !keep.has(`${link.url}\u0000${link.hash}`));
    await db.articleImages.bulkDelete(stale.map((link) => [articleId, link.url] as [string, string]));
    await db.articleImages.bulkPut(wanted.map((link) => ({ articleId, url: link.url, hash: link.hash })));
    touched.push(...stale.map((link) => link.hash));
  }
  await dropUnusedBlobs(db, touched);
}

async function replaceArticleImages(db: ReadmarkDb, articleId: string, images: readonly CapturedImage[]) {
  await deleteArticleImages(db, [articleId]);
  await putImages(db, articleId, images);
}

async function putImages(db: ReadmarkDb, articleId: string, images: readonly CapturedImage[]) {
  const hashes = [...new Set(images.map((image) => image.hash))];
  const stored = await db.imageBlobs.bulkGet(hashes);
  const missing = new Map<string, Blob>();
  for (const image of images) if (!stored[hashes.indexOf(image.hash)]) missing.set(image.hash, image.blob);
  await db.imageBlobs.bulkPut([...missing].map(([hash, blob]) => ({ hash, blob, size: blob.size })));
  await db.articleImages.bulkPut(
    images.map((image): ArticleImage => ({ articleId, url: image.url, hash: image.hash })),
  );
}

async function dropUnusedBlobs(db: ReadmarkDb, hashes: readonly string[]) {
  for (const hash of new Set(hashes)) {
    if ((await db.articleImages.where('hash').equals(hash).count()) === 0) await db.imageBlobs.delete(hash);
  }
}

/**
 * The images that fit the caps, in order: each under the per-image cap, the total (distinct
 * bytes) under the per-article cap, at most the per-article count. Duplicates (same hash) cost
 * their bytes once.
 */
export function withinCaps(
  images: readonly CapturedImage[],
  bytesLeft: number = IMAGE_CAPS.perArticle,
  countLeft: number = IMAGE_CAPS.perArticleCount,
): CapturedImage[] {
  const kept: CapturedImage[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  for (const image of images) {
    if (kept.length >= countLeft) break;
    if (image.blob.size > IMAGE_CAPS.perImage) continue;
    const cost = seen.has(image.hash) ? 0 : image.blob.size;
    if (bytes + cost > bytesLeft) continue;
    bytes += cost;
    seen.add(image.hash);
    kept.push(image);
  }
  return kept;
}

function summarise(images: readonly CapturedImage[]): ImageSummary {
  const distinct = new Map(images.map((image) => [image.hash, image.blob.size]));
  return { count: images.length, bytes: [...distinct.values()].reduce((sum, size) => sum + size, 0) };
}

/**
 * The pictures of these articles as bytes, for exports: each article's links (URL → hash) and
 * every distinct picture once. Blobs are read in one transaction, their bytes after it (awaiting
 * anything but the database inside a transaction would end it).
 */
export async function readImagesForExport(
  db: ReadmarkDb,
  articleIds: readonly string[],
): Promise<{ links: Map<string, ImageLink[]>; images: Map<string, ImageBytes> }> {
  const { links, blobs } = await db.transaction('r', db.articleImages, db.imageBlobs, async () => {
    const links = await db.articleImages.where('articleId').anyOf(articleIds).toArray();
    const blobs = await db.imageBlobs.bulkGet([...new Set(links.map((link) => link.hash))]);
    return { links, blobs };
  });
  const images = new Map<string, ImageBytes>();
  for (const stored of blobs) {
    if (!stored) continue;
    const bytes = new Uint8Array(await stored.blob.arrayBuffer());
    images.set(stored.hash, { hash: stored.hash, type: stored.blob.type, bytes });
  }
  const byArticle = new Map<string, ImageLink[]>();
  for (const { articleId, url, hash } of links) {
    if (!images.has(hash)) continue;
    byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), { url, hash }]);
  }
  return { links: byArticle, images };
}

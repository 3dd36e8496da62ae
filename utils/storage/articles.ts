import type { ArticleContent, ArticleMeta, ExtractedArticle } from '@/utils/model';
import { err, ok, type Result } from '@/utils/model';
import type { ReadmarkDb } from './db';
import { deleteArticleImages } from './images';
import { describeStorageError } from './storage-error';

export interface StoredArticle {
  meta: ArticleMeta;
  content: ArticleContent;
}

/**
 * Saves an extracted (already sanitised) article: one record per canonical URL. Saving again
 * updates the text and metadata and keeps the id, so highlights, tags, progress and the first
 * saved date stay. Meta and body are written in one transaction: never half an article.
 */
export async function saveArticle(
  db: ReadmarkDb,
  article: ExtractedArticle,
  now: number = Date.now(),
): Promise<Result<ArticleMeta>> {
  try {
    return ok(await db.transaction('rw', db.articles, db.contents, () => writeArticle(db, article, now)));
  } catch (error) {
    return err(describeStorageError(error));
  }
}

/**
 * Writes an article's metadata and body; call it inside a transaction over articles and contents
 * (and whatever else must be written with them, like its pictures).
 */
export async function writeArticle(
  db: ReadmarkDb,
  article: ExtractedArticle,
  now: number,
): Promise<ArticleMeta> {
  const existing = await db.articles.where('canonicalUrl').equals(article.canonicalUrl).first();
  const meta: ArticleMeta = {
    id: existing?.id ?? crypto.randomUUID(),
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    title: article.title,
    byline: article.byline,
    siteName: article.siteName,
    publishedTime: article.publishedTime,
    lang: article.lang,
    dir: article.dir,
    leadImage: article.leadImage,
    excerpt: article.excerpt,
    wordCount: article.wordCount,
    readingTimeMinutes: article.readingTimeMinutes,
    tags: existing?.tags ?? [],
    favourite: existing?.favourite ?? 0,
    archived: existing?.archived ?? 0,
    savedAt: existing?.savedAt ?? now,
    updatedAt: now,
    readAt: existing?.readAt ?? null,
    progress: existing?.progress ?? 0,
  };
  await db.articles.put(meta);
  await db.contents.put({
    articleId: meta.id,
    contentHtml: article.contentHtml,
    textContent: article.textContent,
    removed: article.removed,
  });
  return meta;
}

/** The article saved for this canonical URL, or undefined. */
export function findArticleByCanonicalUrl(
  db: ReadmarkDb,
  canonicalUrl: string,
): Promise<ArticleMeta | undefined> {
  return db.articles.where('canonicalUrl').equals(canonicalUrl).first();
}

/** Library entries, newest first (metadata only: bodies are never loaded for the list). */
export function listArticles(db: ReadmarkDb): Promise<ArticleMeta[]> {
  return db.articles.orderBy('savedAt').reverse().toArray();
}

/** One article with its body, or undefined when it does not exist (or its body is missing). */
export async function getArticle(db: ReadmarkDb, id: string): Promise<StoredArticle | undefined> {
  return db.transaction('r', db.articles, db.contents, async () => {
    const [meta, content] = await Promise.all([db.articles.get(id), db.contents.get(id)]);
    return meta && content ? { meta, content } : undefined;
  });
}

/** Deletes an article, its body, its highlights and its pictures in one transaction. */
export async function deleteArticle(db: ReadmarkDb, id: string): Promise<Result<void>> {
  try {
    await db.transaction(
      'rw',
      [db.articles, db.contents, db.highlights, db.articleImages, db.imageBlobs],
      async () => {
        await db.highlights.where('articleId').equals(id).delete();
        await deleteArticleImages(db, [id]);
        await db.contents.delete(id);
        await db.articles.delete(id);
      },
    );
    return ok(undefined);
  } catch (error) {
    return err(describeStorageError(error));
  }
}

/** Records how far the reader got (0..1); reaching the end marks the article read. */
export async function updateProgress(db: ReadmarkDb, id: string, progress: number, now: number = Date.now()) {
  const clamped = Math.min(1, Math.max(0, progress));
  await db.transaction('rw', db.articles, async () => {
    const meta = await db.articles.get(id);
    if (!meta) return;
    await db.articles.update(id, {
      progress: clamped,
      readAt: meta.readAt ?? (clamped >= 0.98 ? now : null),
    });
  });
}

/**
 * The saved article a live page shows: by the canonical URL the page declares, else by the
 * page's own URL (normalised either way by the caller with normaliseUrl).
 */
export async function findArticleForPage(
  db: ReadmarkDb,
  pageUrl: string,
  canonicalUrl: string | null,
): Promise<ArticleMeta | undefined> {
  const keys = [...new Set([canonicalUrl, pageUrl].filter((key): key is string => !!key))];
  return (await db.articles.where('canonicalUrl').anyOf(keys).toArray())[0];
}

import {
  type ArticleContent,
  type ArticleMeta,
  articleKey,
  type ExtractedArticle,
  err,
  fail,
  normaliseUrl,
  ok,
  type Result,
  sameOrigin,
} from '@/utils/model';
import type { ReadmarkDb } from './db';
import { deleteArticleImages } from './images';
import { storageError } from './storage-error';

export interface StoredArticle {
  meta: ArticleMeta;
  content: ArticleContent;
}

/**
 * Saves an extracted (already sanitised) article: one record per article, as articleKey names it.
 * `article.url` must be the address the browser reports for the tab (the caller binds it); the
 * page's declared canonical only merges within that origin. Saving again updates the text and
 * metadata and keeps the id, so highlights, tags, progress and the first saved date stay. Meta
 * and body are written in one transaction: never half an article.
 */
export async function saveArticle(
  db: ReadmarkDb,
  article: ExtractedArticle,
  now: number = Date.now(),
): Promise<Result<ArticleMeta>> {
  const key = savableKey(article);
  if (!key.ok) return key;
  try {
    return ok(
      await db.transaction('rw', db.articles, db.contents, () => writeArticle(db, article, key.value, now)),
    );
  } catch (error) {
    return fail(storageError(error));
  }
}

/**
 * The article's key (see articleKey), or why it cannot be saved. Check it before opening the
 * write transaction, and hand the key to writeArticle.
 */
export function savableKey(article: ExtractedArticle): Result<string> {
  const key = articleKey(article.url, article.canonicalUrl);
  return key ? ok(key) : err('not-web-address', { url: article.url.slice(0, 200) });
}

/**
 * Writes an article's metadata and body under `key` (from savableKey); call it inside a
 * transaction over articles and contents (and whatever else must be written with them, like its
 * pictures). An article already saved for this page keeps its id, key and reader state.
 */
export async function writeArticle(
  db: ReadmarkDb,
  article: ExtractedArticle,
  key: string,
  now: number,
): Promise<ArticleMeta> {
  const existing = await findArticleForPage(db, article.url, article.canonicalUrl);
  const meta: ArticleMeta = {
    id: existing?.id ?? crypto.randomUUID(),
    url: article.url,
    canonicalUrl: existing?.canonicalUrl ?? key,
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

/** Library entries, newest first (metadata only: bodies are never loaded for the list). */
export function listArticles(db: ReadmarkDb): Promise<ArticleMeta[]> {
  return db.articles.orderBy('savedAt').reverse().toArray();
}

/** One article's entry (no body), or undefined when it does not exist. */
export function getArticleMeta(db: ReadmarkDb, id: string): Promise<ArticleMeta | undefined> {
  return db.articles.get(id);
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
    return fail(storageError(error));
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
 * The saved article a live page shows. `pageUrl` is the tab's address as the browser reports it;
 * `declared` is the page's own claim (canonical link, og:url), heard only within the page's
 * origin (see articleKey). The declared key wins over the page's own address when both are
 * saved. A record whose own URL is on another origin is never this page's, whatever its key.
 */
export async function findArticleForPage(
  db: ReadmarkDb,
  pageUrl: string,
  declared: string | null,
): Promise<ArticleMeta | undefined> {
  const key = articleKey(pageUrl, declared);
  const page = normaliseUrl(pageUrl);
  if (!key || !page) return undefined;
  const found = await db.articles
    .where('canonicalUrl')
    .anyOf([...new Set([key, page])])
    .toArray();
  const ours = found.filter((meta) => sameOrigin(meta.url, pageUrl));
  return ours.find((meta) => meta.canonicalUrl === key) ?? ours[0];
}

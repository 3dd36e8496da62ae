import { browser } from 'wxt/browser';
import { err, type Result } from '@/utils/model';
import {
  addArticleImages,
  getArticle,
  getArticleImages,
  type ImageSummary,
  type ReadmarkDb,
  summariseArticleImages,
} from '@/utils/storage';
import { articleImageUrls, captureImages, originPattern } from './capture-images';

/** An article's pictures: what is stored, and the URLs of those that are not (shown as placeholders). */
export interface ArticleImageState {
  stored: ImageSummary;
  missing: string[];
}

export async function readArticleImageState(db: ReadmarkDb, articleId: string): Promise<ArticleImageState> {
  const [article, images, stored] = await Promise.all([
    getArticle(db, articleId),
    getArticleImages(db, articleId),
    summariseArticleImages(db, articleId),
  ]);
  const urls = article ? articleImageUrls(article.content.contentHtml, article.meta.leadImage) : [];
  return { stored, missing: urls.filter((url) => !images.has(url)) };
}

/**
 * The reader's "Load images": asks for host access to the missing pictures' sites (the browser's
 * own prompt, on this click: call it first thing in a click handler), then fetches and stores them.
 * Nothing is fetched when the reader says no.
 */
export async function loadMissingImages(
  db: ReadmarkDb,
  articleId: string,
  missing: readonly string[],
): Promise<Result<ImageSummary>> {
  const origins = [...new Set(missing.map(originPattern))];
  const granted = await browser.permissions.request({ origins }).catch(() => false);
  if (!granted) return err('images-not-allowed');
  const { images } = await captureImages(missing, null);
  return addArticleImages(db, articleId, images);
}

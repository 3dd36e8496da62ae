import { blockText, measureReading, restoreRemovedBlock } from '@/utils/extraction';
import { sendToTab } from '@/utils/messaging';
import { type ArticleMeta, type ExtractedArticle, ok, type Result } from '@/utils/model';
import {
  findArticleForPage,
  getArticle,
  type ReadmarkDb,
  type SavedWithImages,
  saveArticleWithImages,
} from '@/utils/storage';
import { articleImageUrls, captureImages } from './capture-images';
import { readTabPage, type TabReading } from './read-tab-page';
import { pageScriptReady } from './tab-access';

/** Where loading the popup's page ends: always something the popup can show, never a spinner. */
export type PagePreview =
  | Exclude<TabReading, { kind: 'read' }>
  | (Omit<Extract<TabReading, { kind: 'read' }>, 'kind'> & {
      kind: 'preview';
      /** The saved record of this page (by the tab's address, see articleKey), or null. */
      saved: ArticleMeta | null;
    });

/**
 * The popup's way to a preview: the tab's reading (readTabPage, started by the popup's entry
 * before its UI loaded), then whether the page is already saved. The database opens while the
 * page is still being read, so the look-up after it is one indexed query.
 */
export async function loadPagePreview(
  db: ReadmarkDb,
  reading: Promise<TabReading> = readTabPage(),
): Promise<PagePreview> {
  // A failed open is reported by the look-up below, which opens again.
  db.open().catch(() => undefined);
  const read = await reading;
  if (read.kind !== 'read') return read;
  const { url, canonicalUrl } = read.article;
  const saved = (await findArticleForPage(db, url, canonicalUrl)) ?? null;
  performance.mark('rm:looked-up');
  return { ...read, kind: 'preview', saved };
}

/**
 * Saves the previewed article with the removed blocks the reader kept, and its pictures. Pictures
 * are fetched before the write (from the site, or through the content script of `tabId`), so the
 * article and its pictures go in one transaction.
 */
export async function savePreviewedArticle(
  db: ReadmarkDb,
  previewed: ExtractedArticle,
  kept: ReadonlySet<number>,
  tabId: number,
): Promise<Result<SavedWithImages>> {
  const article = withKeptBlocks(previewed, kept);
  // Pictures the extension may not fetch are read by the page's content script.
  await pageScriptReady(tabId);
  const { images } = await captureImages(articleImageUrls(article.contentHtml, article.leadImage), tabId);
  return saveArticleWithImages(db, article, images);
}

/**
 * Highlights the page's selection through the content script of `tabId`, which saves the page
 * first when it is not saved yet (the same path as the context menu and the shortcut). Answers the
 * article's record as it now stands (undefined if it is gone meanwhile).
 */
export async function highlightPageSelection(
  db: ReadmarkDb,
  tabId: number,
): Promise<Result<ArticleMeta | undefined>> {
  await pageScriptReady(tabId);
  const result = await sendToTab(tabId, 'highlightSelection', {});
  if (!result.ok) return result;
  return ok((await getArticle(db, result.value.articleId))?.meta);
}

/** The article with the kept blocks put back where they stood, and only the others in the trace. */
function withKeptBlocks(article: ExtractedArticle, kept: ReadonlySet<number>): ExtractedArticle {
  if (kept.size === 0) return article;
  let contentHtml = article.contentHtml;
  for (const index of kept) contentHtml = restoreRemovedBlock(contentHtml, article.removed, index);
  const textContent = blockText(new DOMParser().parseFromString(contentHtml, 'text/html').body);
  return {
    ...article,
    contentHtml,
    textContent,
    // The kept blocks are read too: counted the way the pipeline counts.
    ...measureReading(textContent),
    removed: article.removed.filter((_, index) => !kept.has(index)),
  };
}

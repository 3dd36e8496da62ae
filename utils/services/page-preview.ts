import { blockText, measureReading, restoreRemovedBlock } from '@/utils/extraction';
import { bindCaptureToTab, sendToTab } from '@/utils/messaging';
import { type AppError, type ArticleMeta, type ExtractedArticle, ok, type Result } from '@/utils/model';
import {
  findArticleForPage,
  getArticle,
  type ReadmarkDb,
  type SavedWithImages,
  saveArticleWithImages,
} from '@/utils/storage';
import { articleImageUrls, captureImages } from './capture-images';
import { extractInWorker, prewarmExtractWorker } from './extract-in-worker';
import { capturePage, resolveTargetTab, restrictedReason } from './tab-access';

/** Where loading the popup's page ends: always something the popup can show, never a spinner. */
export type PagePreview =
  | { kind: 'restricted'; reason: AppError }
  | { kind: 'error'; error: AppError }
  | {
      kind: 'preview';
      tabId: number;
      article: ExtractedArticle;
      /** The saved record of this page (by the tab's address, see articleKey), or null. */
      saved: ArticleMeta | null;
      /** Text the reader selected on the page before opening the popup ('' for none). */
      selection: string;
    };

/**
 * The popup's way to a preview: find the tab, capture it, extract in a Worker, look up whether it
 * is already saved. The Worker starts loading at once, while the tab is found and captured.
 */
export async function loadPagePreview(db: ReadmarkDb): Promise<PagePreview> {
  prewarmExtractWorker();
  const tab = await resolveTargetTab();
  if (!tab) return { kind: 'restricted', reason: { code: 'no-tab' } };
  const reason = restrictedReason(tab.url);
  if (reason) return { kind: 'restricted', reason };
  performance.mark('rm:capture-start');
  const captured = await capturePage(tab.id);
  performance.mark('rm:capture-end');
  if (!captured.ok) return { kind: 'restricted', reason: captured.error };
  const { selection, ...page } = captured.value;
  // The article is the page the browser says the tab shows, whatever the page declares.
  const capture = bindCaptureToTab(page, tab.url);
  if (!capture.ok) return { kind: 'error', error: capture.error };
  const extracted = await extractInWorker(capture.value);
  performance.mark('rm:extracted');
  if (!extracted.ok) return { kind: 'error', error: extracted.error };
  const { url, canonicalUrl } = extracted.value;
  const saved = (await findArticleForPage(db, url, canonicalUrl)) ?? null;
  return { kind: 'preview', tabId: tab.id, article: extracted.value, saved, selection };
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

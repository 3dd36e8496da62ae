import { useEffect, useState } from 'preact/hooks';
import { blockText, measureReading, restoreRemovedBlock } from '@/utils/extraction';
import { bindCaptureToTab, sendToTab } from '@/utils/messaging';
import { type AppError, type ArticleMeta, type ExtractedArticle, errorFromThrown } from '@/utils/model';
import { findArticleForPage, getArticle, type ReadmarkDb, saveArticleWithImages } from '@/utils/storage';
import { articleImageUrls, captureImages } from '../shared/capture-images';
import { extractInWorker, prewarmExtractWorker } from '../shared/extract-in-worker';
import { capturePage, resolveTargetTab, restrictedReason } from './tab-access';

export type PreviewState =
  | { kind: 'loading' }
  | { kind: 'restricted'; reason: AppError }
  | { kind: 'error'; error: AppError }
  | {
      kind: 'preview';
      tabId: number;
      article: ExtractedArticle;
      saved: ArticleMeta | null;
      saving: boolean;
      saveError: AppError | null;
      /** Removed blocks the reader chose to keep (indexes into article.removed). */
      kept: ReadonlySet<number>;
      /** Text the reader selected on the page before opening the popup ('' for none). */
      selection: string;
      /** What became of "Highlight selection", once clicked. */
      selectionResult: { ok: true } | { ok: false; error: AppError } | null;
    };

/**
 * The popup's whole flow: find the tab, capture it, extract in a Worker, look up whether it is
 * already saved (by the tab's address, see articleKey), and save. Every path ends in a state the popup can show: no endless spinner.
 */
export function usePagePreview(db: ReadmarkDb) {
  const [state, setState] = useState<PreviewState>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const set = (next: PreviewState) => !cancelled && setState(next);
    prewarmExtractWorker();
    (async () => {
      const tab = await resolveTargetTab();
      if (!tab) return set({ kind: 'restricted', reason: { code: 'no-tab' } });
      const reason = restrictedReason(tab.url);
      if (reason) return set({ kind: 'restricted', reason });
      performance.mark('rm:capture-start');
      const captured = await capturePage(tab.id);
      performance.mark('rm:capture-end');
      if (!captured.ok) return set({ kind: 'restricted', reason: captured.error });
      const { selection, ...page } = captured.value;
      // The article is the page the browser says the tab shows, whatever the page declares.
      const capture = bindCaptureToTab(page, tab.url);
      if (!capture.ok) return set({ kind: 'error', error: capture.error });
      const extracted = await extractInWorker(capture.value);
      performance.mark('rm:extracted');
      if (!extracted.ok) return set({ kind: 'error', error: extracted.error });
      const { url, canonicalUrl } = extracted.value;
      const saved = (await findArticleForPage(db, url, canonicalUrl)) ?? null;
      set({
        kind: 'preview',
        tabId: tab.id,
        article: extracted.value,
        saved,
        saving: false,
        saveError: null,
        kept: new Set(),
        selection,
        selectionResult: null,
      });
    })().catch((error: unknown) => set({ kind: 'error', error: errorFromThrown(error) }));
    return () => {
      cancelled = true;
    };
  }, [db]);

  async function save() {
    if (state.kind !== 'preview') return;
    setState({ ...state, saving: true, saveError: null });
    const article = withKeptBlocks(state.article, state.kept);
    // Pictures are fetched before the write, so the article and its pictures go in one transaction.
    const { images } = await captureImages(
      articleImageUrls(article.contentHtml, article.leadImage),
      state.tabId,
    );
    const result = await saveArticleWithImages(db, article, images);
    setState(
      result.ok
        ? { ...state, saving: false, saved: result.value.meta, saveError: result.value.imagesDropped }
        : { ...state, saving: false, saveError: result.error },
    );
  }

  /** Keeps a removed block in the article that will be saved. */
  function keep(index: number) {
    if (state.kind !== 'preview') return;
    setState({ ...state, kept: new Set([...state.kept, index]) });
  }

  /**
   * Highlights the page's selection through the content script, which saves the page first when
   * it is not saved yet (the same path as the context menu and the shortcut).
   */
  async function highlightSelection() {
    if (state.kind !== 'preview') return;
    const result = await sendToTab(state.tabId, 'highlightSelection', {});
    const saved = result.ok
      ? ((await getArticle(db, result.value.articleId))?.meta ?? state.saved)
      : state.saved;
    setState({
      ...state,
      saved,
      selection: result.ok ? '' : state.selection,
      selectionResult: result.ok ? { ok: true } : { ok: false, error: result.error },
    });
  }

  return { state, save, keep, highlightSelection };
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

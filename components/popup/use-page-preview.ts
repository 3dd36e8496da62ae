import { useEffect, useState } from 'preact/hooks';
import { blockText, measureReading, restoreRemovedBlock } from '@/utils/extraction';
import { bindCaptureToTab } from '@/utils/messaging';
import type { ArticleMeta, ExtractedArticle } from '@/utils/model';
import { findArticleForPage, type ReadmarkDb, saveArticleWithImages } from '@/utils/storage';
import { articleImageUrls, captureImages } from '../shared/capture-images';
import { extractInWorker } from '../shared/extract-in-worker';
import { t } from '../shared/i18n';
import { capturePage, resolveTargetTab, restrictedReason } from './tab-access';

export type PreviewState =
  | { kind: 'loading' }
  | { kind: 'restricted'; reason: string }
  | { kind: 'error'; message: string }
  | {
      kind: 'preview';
      tabId: number;
      article: ExtractedArticle;
      saved: ArticleMeta | null;
      saving: boolean;
      saveError: string | null;
      /** Removed blocks the reader chose to keep (indexes into article.removed). */
      kept: ReadonlySet<number>;
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
    (async () => {
      const tab = await resolveTargetTab();
      if (!tab) return set({ kind: 'restricted', reason: t('restrictedNoTab') });
      const reason = restrictedReason(tab.url);
      if (reason) return set({ kind: 'restricted', reason });
      const captured = await capturePage(tab.id);
      if (!captured.ok) return set({ kind: 'restricted', reason: captured.error });
      // The article is the page the browser says the tab shows, whatever the page declares.
      const capture = bindCaptureToTab(captured.value, tab.url);
      if (!capture.ok) return set({ kind: 'error', message: capture.error });
      const extracted = await extractInWorker(capture.value);
      if (!extracted.ok) return set({ kind: 'error', message: extracted.error });
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
      });
    })().catch((error: unknown) => set({ kind: 'error', message: String(error) }));
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

  return { state, save, keep };
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

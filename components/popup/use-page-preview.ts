import { useEffect, useState } from 'preact/hooks';
import { type AppError, type ExtractedArticle, errorFromThrown } from '@/utils/model';
import {
  highlightPageSelection,
  loadPagePreview,
  type PagePreview,
  savePreviewedArticle,
  type TabReading,
} from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';

type Preview = Extract<PagePreview, { kind: 'preview' }>;

/** What loadPagePreview answers, and while it works, 'loading'; a preview gains the popup's own state. */
export type PreviewState =
  | { kind: 'loading' }
  | Exclude<PagePreview, { kind: 'preview' }>
  | (Preview & {
      /**
       * The whole article, its HTML sanitised: null until it comes, asked for once the preview
       * has painted (the "Removed" list's blocks; Save and Listen wait for it when asked sooner).
       */
      full: ExtractedArticle | null;
      saving: boolean;
      saveError: AppError | null;
      /** Removed blocks the reader chose to keep (indexes into article.removed). */
      kept: ReadonlySet<number>;
      /** What became of "Highlight selection", once clicked. */
      selectionResult: { ok: true } | { ok: false; error: AppError } | null;
    });
type PreviewShown = Extract<PreviewState, { kind: 'preview' }>;

/**
 * The popup's state over its flow (utils/services/page-preview: find the tab, capture, extract,
 * look up, save). Every path ends in a state the popup can show: no endless spinner.
 */
export function usePagePreview(db: ReadmarkDb, reading: Promise<TabReading>) {
  const [state, setState] = useState<PreviewState>({ kind: 'loading' });
  // Awaited work (the whole article, a save, a highlight) updates the state as it is then, never
  // the state it started from: what arrived meanwhile stays.
  const update = (change: (shown: PreviewShown) => PreviewShown) =>
    setState((now) => (now.kind === 'preview' ? change(now) : now));

  useEffect(() => {
    let cancelled = false;
    loadPagePreview(db, reading)
      .then(
        (loaded): PreviewState =>
          loaded.kind === 'preview'
            ? {
                ...loaded,
                full: null,
                saving: false,
                saveError: null,
                kept: new Set<number>(),
                selectionResult: null,
              }
            : loaded,
      )
      .catch((error: unknown): PreviewState => ({ kind: 'error', error: errorFromThrown(error) }))
      .then((next) => !cancelled && setState(next));
    return () => {
      cancelled = true;
    };
  }, [db, reading]);

  // An effect runs after the frame that painted the preview: the sanitising, in the offscreen
  // document that shares this page's renderer process, comes after that paint.
  const complete = state.kind === 'preview' ? state.complete : null;
  useEffect(() => {
    if (!complete) return;
    let live = true;
    complete().then((result) => {
      performance.mark('rm:article-complete');
      // A failure shows when the reader saves or listens, which ask again.
      if (live && result.ok) update((shown) => ({ ...shown, full: result.value }));
    });
    return () => {
      live = false;
    };
  }, [complete]);

  async function save() {
    if (state.kind !== 'preview') return;
    const { kept, tabId } = state;
    update((shown) => ({ ...shown, saving: true, saveError: null }));
    const full = await state.complete();
    const result = full.ok ? await savePreviewedArticle(db, full.value, kept, tabId) : full;
    update((shown) =>
      result.ok
        ? { ...shown, saving: false, saved: result.value.meta, saveError: result.value.imagesDropped }
        : { ...shown, saving: false, saveError: result.error },
    );
  }

  /** Keeps a removed block in the article that will be saved. */
  function keep(index: number) {
    update((shown) => ({ ...shown, kept: new Set([...shown.kept, index]) }));
  }

  /** Highlights the page's selection (saving the page first when it is not saved yet). */
  async function highlightSelection() {
    if (state.kind !== 'preview') return;
    const result = await highlightPageSelection(db, state.tabId);
    update((shown) => ({
      ...shown,
      saved: result.ok ? (result.value ?? shown.saved) : shown.saved,
      selection: result.ok ? '' : shown.selection,
      selectionResult: result.ok ? { ok: true } : { ok: false, error: result.error },
    }));
  }

  /** The whole article for Listen, or the reason there is none (shown as Save's would be). */
  async function fullArticle(): Promise<ExtractedArticle | null> {
    if (state.kind !== 'preview') return null;
    const full = await state.complete();
    if (!full.ok) update((shown) => ({ ...shown, saveError: full.error }));
    return full.ok ? full.value : null;
  }

  return { state, save, keep, highlightSelection, fullArticle };
}

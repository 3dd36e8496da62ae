import { useEffect, useState } from 'preact/hooks';
import { type AppError, errorFromThrown } from '@/utils/model';
import {
  highlightPageSelection,
  loadPagePreview,
  type PagePreview,
  savePreviewedArticle,
  type TabReading,
} from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';

/** What loadPagePreview answers, and while it works, 'loading'; a preview gains the popup's own state. */
export type PreviewState =
  | { kind: 'loading' }
  | Exclude<PagePreview, { kind: 'preview' }>
  | (Extract<PagePreview, { kind: 'preview' }> & {
      saving: boolean;
      saveError: AppError | null;
      /** Removed blocks the reader chose to keep (indexes into article.removed). */
      kept: ReadonlySet<number>;
      /** What became of "Highlight selection", once clicked. */
      selectionResult: { ok: true } | { ok: false; error: AppError } | null;
    });

/**
 * The popup's state over its flow (utils/services/page-preview: find the tab, capture, extract,
 * look up, save). Every path ends in a state the popup can show: no endless spinner.
 */
export function usePagePreview(db: ReadmarkDb, reading: Promise<TabReading>) {
  const [state, setState] = useState<PreviewState>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    loadPagePreview(db, reading)
      .then((loaded) =>
        loaded.kind === 'preview'
          ? { ...loaded, saving: false, saveError: null, kept: new Set<number>(), selectionResult: null }
          : loaded,
      )
      .catch((error: unknown): PreviewState => ({ kind: 'error', error: errorFromThrown(error) }))
      .then((next) => !cancelled && setState(next));
    return () => {
      cancelled = true;
    };
  }, [db, reading]);

  async function save() {
    if (state.kind !== 'preview') return;
    setState({ ...state, saving: true, saveError: null });
    const result = await savePreviewedArticle(db, state.article, state.kept, state.tabId);
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

  /** Highlights the page's selection (saving the page first when it is not saved yet). */
  async function highlightSelection() {
    if (state.kind !== 'preview') return;
    const result = await highlightPageSelection(db, state.tabId);
    setState({
      ...state,
      saved: result.ok ? (result.value ?? state.saved) : state.saved,
      selection: result.ok ? '' : state.selection,
      selectionResult: result.ok ? { ok: true } : { ok: false, error: result.error },
    });
  }

  return { state, save, keep, highlightSelection };
}

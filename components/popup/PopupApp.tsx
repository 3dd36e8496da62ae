import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type ArticlePreview, sendToTab } from '@/utils/messaging';
import type { AppError, ExtractedArticle } from '@/utils/model';
import { pageScriptReady, type TabReading } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { formatDate } from '../shared/format';
import { t } from '../shared/i18n';
import { RemovedBlocks } from '../shared/RemovedBlocks';
import { SettingsLink } from '../shared/SettingsLink';
import { SyncStatus } from '../shared/SyncStatus';
import type { ExportArticle } from './ExportArticle';
import { PageHighlights } from './PageHighlights';
import { PinHint } from './PinHint';
import { EarlyPopup, PreviewArticle } from './PreviewArticle';
import { StoredImages } from './StoredImages';
import { usePagePreview } from './use-page-preview';

/**
 * The popup over `reading`, the tab's page as the popup's entry started reading it. `early`: the
 * article its first paint already shows (paintPreviewFirst), shown on while the saved? look-up runs.
 */
export function PopupApp({
  db,
  reading,
  early = null,
}: {
  db: ReadmarkDb;
  reading: Promise<TabReading>;
  early?: ArticlePreview | null;
}) {
  const { state, save, keep, highlightSelection, fullArticle } = usePagePreview(db, reading);
  const previewShown = state.kind === 'preview';
  useLayoutEffect(() => {
    // For `npm run bench:preview`: the frame after this commit paints the preview with its actions
    // (Save, the saved? state), after the first paint's article (paintPreviewFirst).
    if (previewShown) requestAnimationFrame(() => performance.mark('rm:popup-painted'));
  }, [previewShown]);
  if (state.kind === 'loading') return <EarlyPopup article={early} />;
  if (state.kind === 'restricted' || state.kind === 'error') {
    return (
      <main class="popup">
        <h1 class="popup-brand">{t('extName')}</h1>
        <p id="status" role="alert" class="notice">
          {errorMessage(state.kind === 'restricted' ? state.reason : state.error)}
        </p>
        <LibraryLink />
        <SettingsLink closeWindow />
      </main>
    );
  }

  const { article, full, saved, saving, saveError, kept, selection, selectionResult } = state;
  // A forum thread or a product page is worth saving too, but the reader should know what it is.
  const looksLikeArticle = article.isProbablyArticle && article.pageType === 'article';
  return (
    <main class="popup">
      <PreviewArticle article={article} />
      {(selection || selectionResult) && (
        <SelectionOffer
          selection={selection}
          result={selectionResult}
          saved={saved !== null}
          onHighlight={highlightSelection}
        />
      )}
      {!saved && article.removed.length > 0 && (
        <section aria-label={t('removedTitle')}>
          <RemovedBlocks
            // Until the whole article comes (just after the first paint) the blocks have no HTML
            // yet: opened that soon, the list shows their samples (removedText falls back to them).
            blocks={full?.removed ?? article.removed.map((block) => ({ ...block, html: '' }))}
            kept={kept}
            onKeep={keep}
          />
        </section>
      )}
      {!looksLikeArticle && !saved && (
        <p class="notice" id="not-article">
          {t('notArticle')}
        </p>
      )}
      <div class="actions">
        <button type="button" id="save" class="primary" disabled={saving} onClick={save}>
          {saved ? t('saveAgain') : looksLikeArticle ? t('save') : t('saveAnyway')}
        </button>
        <button type="button" id="listen-page" onClick={() => listenOnPage(state.tabId, fullArticle)}>
          {t('listen')}
        </button>
        <LibraryLink articleId={saved?.id} />
        {saved && <LazyExportArticle db={db} articleId={saved.id} />}
        <SettingsLink closeWindow />
      </div>
      <p id="status" role="status" class={saveError ? 'notice' : 'ok'}>
        {saveError
          ? errorMessage(saveError)
          : saving
            ? t('saving')
            : saved
              ? t('savedOn', formatDate(saved.updatedAt))
              : ''}
      </p>
      {saved && <StoredImages db={db} articleId={saved.id} />}
      {saved && <PageHighlights db={db} articleId={saved.id} tabId={state.tabId} />}
      <SyncStatus db={db} />
      <PinHint db={db} />
    </main>
  );
}

/**
 * The export buttons, whose code (Markdown and HTML export, zip) loads only once the page is saved:
 * the preview's first paint never waits for it.
 */
function LazyExportArticle(props: { db: ReadmarkDb; articleId: string }) {
  const [Export, setExport] = useState<typeof ExportArticle | null>(null);
  useEffect(() => {
    let live = true;
    import('./ExportArticle').then((module) => live && setExport(() => module.ExportArticle));
    return () => {
      live = false;
    };
  }, []);
  return Export && <Export {...props} />;
}

/**
 * Listen on the page itself, reading the article previewed here (issue 18). Without the whole
 * article (its HTML could not be had) the popup stays open and says why.
 */
async function listenOnPage(tabId: number, fullArticle: () => Promise<ExtractedArticle | null>) {
  const article = await fullArticle();
  if (!article) return;
  const { contentHtml, lang } = article;
  void pageScriptReady(tabId)
    .then(() => sendToTab(tabId, 'listenStart', { article: { contentHtml, lang } }))
    .finally(() => window.close());
}

function LibraryLink({ articleId }: { articleId?: string }) {
  const open = () => {
    const path = articleId ? `/library.html?focus=${encodeURIComponent(articleId)}` : '/library.html';
    browser.tabs.create({ url: browser.runtime.getURL(path as '/library.html') });
    window.close();
  };
  return (
    <button type="button" id="open-library" onClick={open}>
      {articleId ? t('openInLibrary') : t('openLibrary')}
    </button>
  );
}

const SELECTION_PREVIEW = 140;

/** What the reader selected before clicking Readmark, and a button to highlight it (saving first if needed). */
function SelectionOffer({
  selection,
  result,
  saved,
  onHighlight,
}: {
  selection: string;
  result: { ok: true } | { ok: false; error: AppError } | null;
  saved: boolean;
  onHighlight(): void;
}) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    await onHighlight();
    setBusy(false);
  };
  return (
    <section class="selection-offer" aria-labelledby="selection-title">
      {selection && (
        <>
          <h2 id="selection-title">{t('selectionOnPage')}</h2>
          <blockquote class="opening">
            “{selection.length > SELECTION_PREVIEW ? `${selection.slice(0, SELECTION_PREVIEW)}…` : selection}”
          </blockquote>
          <button type="button" id="highlight-selection" disabled={busy} onClick={run}>
            {saved ? t('highlightSelection') : t('highlightSelectionAndSave')}
          </button>
        </>
      )}
      {result && (
        <p id="selection-status" role="status" class={result.ok ? 'ok' : 'notice'}>
          {result.ok ? t('selectionHighlighted') : errorMessage(result.error)}
        </p>
      )}
    </section>
  );
}

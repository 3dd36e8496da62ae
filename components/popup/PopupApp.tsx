import { browser } from 'wxt/browser';
import type { ReadmarkDb } from '@/utils/storage';
import { formatDate, formatReadingTime, formatWordCount } from '../shared/format';
import { t } from '../shared/i18n';
import { RemovedBlocks } from '../shared/RemovedBlocks';
import { ExportArticle } from './ExportArticle';
import { PageHighlights } from './PageHighlights';
import { StoredImages } from './StoredImages';
import { usePagePreview } from './use-page-preview';

const OPENING_CHARS = 320;

export function PopupApp({ db }: { db: ReadmarkDb }) {
  const { state, save, keep } = usePagePreview(db);

  if (state.kind === 'loading') {
    return (
      <main class="popup" aria-busy="true">
        <p id="status" role="status">
          {t('reading')}
        </p>
      </main>
    );
  }
  if (state.kind === 'restricted' || state.kind === 'error') {
    return (
      <main class="popup">
        <h1 class="popup-brand">{t('extName')}</h1>
        <p id="status" role="alert" class="notice">
          {state.kind === 'restricted' ? state.reason : state.message}
        </p>
        <LibraryLink />
      </main>
    );
  }

  const { article, saved, saving, saveError, kept } = state;
  const opening = article.textContent.slice(0, OPENING_CHARS);
  return (
    <main class="popup">
      <article class="preview" aria-labelledby="preview-title">
        <h1 id="preview-title">{article.title}</h1>
        <p class="meta">
          {[article.byline, article.siteName, formatDate(article.publishedTime)].filter(Boolean).join(' · ')}
        </p>
        <p class="meta">
          {formatReadingTime(article.readingTimeMinutes)} · {formatWordCount(article.wordCount)}
        </p>
        <p class="opening" id="opening">
          {opening}
          {article.textContent.length > OPENING_CHARS ? '…' : ''}
        </p>
      </article>
      {!saved && article.removed.length > 0 && (
        <section aria-label={t('removedTitle')}>
          <RemovedBlocks blocks={article.removed} kept={kept} onKeep={keep} />
        </section>
      )}
      {!article.isProbablyArticle && !saved && (
        <p class="notice" id="not-article">
          {t('notArticle')}
        </p>
      )}
      <div class="actions">
        <button type="button" id="save" class="primary" disabled={saving} onClick={save}>
          {saved ? t('saveAgain') : article.isProbablyArticle ? t('save') : t('saveAnyway')}
        </button>
        <LibraryLink articleId={saved?.id} />
        {saved && <ExportArticle db={db} articleId={saved.id} />}
      </div>
      <p id="status" role="status" class={saveError ? 'notice' : 'ok'}>
        {saveError ?? (saving ? t('saving') : saved ? t('savedOn', formatDate(saved.updatedAt)) : '')}
      </p>
      {saved && <StoredImages db={db} articleId={saved.id} />}
      {saved && <PageHighlights db={db} articleId={saved.id} tabId={state.tabId} />}
    </main>
  );
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

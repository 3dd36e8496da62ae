import { useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createSanitiser } from '@/utils/extraction';
import { getArticle, type ReadmarkDb } from '@/utils/storage';
import { formatDate, formatReadingTime } from '../shared/format';
import { t } from '../shared/i18n';
import { useObserved } from '../shared/use-observed';

export function ReaderApp({ db, id }: { db: ReadmarkDb; id: string }) {
  const article = useObserved(() => getArticle(db, id), [db, id]);
  // Saved HTML is untrusted forever: sanitised again here, at render time.
  const sanitise = useMemo(() => createSanitiser(window), []);

  if (article.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (article.kind === 'error' || !article.value) {
    return (
      <main class="reader">
        <p role="alert" class="notice">
          {article.kind === 'error' ? t('errorLibrary', article.message) : t('articleMissing')}
        </p>
        <a href={browser.runtime.getURL('/library.html')}>{t('openLibrary')}</a>
      </main>
    );
  }
  const { meta, content } = article.value;
  document.title = meta.title;
  return (
    <main class="reader" lang={meta.lang ?? undefined} dir={meta.dir ?? undefined}>
      <header class="reader-header">
        <h1>{meta.title}</h1>
        <p class="meta">
          {[meta.byline, meta.siteName, formatDate(meta.publishedTime)].filter(Boolean).join(' · ')}
        </p>
        <p class="meta">
          {t('savedDate', formatDate(meta.savedAt))} · {formatReadingTime(meta.readingTimeMinutes)} ·{' '}
          <a href={meta.url} rel="noopener noreferrer" target="_blank">
            {t('original')}
          </a>
        </p>
      </header>
      {/* Sanitised with DOMPurify just above, under a strict CSP. */}
      <article class="reader-content" dangerouslySetInnerHTML={{ __html: sanitise(content.contentHtml) }} />
    </main>
  );
}

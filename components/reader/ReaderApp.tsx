import { useLayoutEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getArticle, getArticleImages, type ReadmarkDb } from '@/utils/storage';
import { t } from '../shared/i18n';
import { useObserved } from '../shared/use-observed';
import { applyReaderSettings } from './apply-reader-settings';
import { ReaderView } from './ReaderView';
import { useMediaQuery } from './use-media-query';
import { useReaderSettings } from './use-reader-settings';

/**
 * reader.html?id=…: one saved article, in the reader's own settings (which apply even to the error
 * page); `&highlight=…` opens it at that highlight.
 */
export function ReaderApp({
  db,
  id,
  highlightId = null,
}: {
  db: ReadmarkDb;
  id: string;
  highlightId?: string | null;
}) {
  // The stored pictures come with the article, so the first render already shows them (and never the web's).
  const article = useObserved(async () => {
    const [stored, images] = await Promise.all([getArticle(db, id), getArticleImages(db, id)]);
    return stored && { ...stored, images };
  }, [db, id]);
  const reader = useReaderSettings(db);
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  // A layout effect, before the view's: the position is restored in the final layout.
  useLayoutEffect(
    () => applyReaderSettings(document.documentElement, reader.settings, systemDark),
    [reader.settings, systemDark],
  );

  if (article.kind === 'loading') {
    return (
      <p role="status" class="reader-status">
        {t('loading')}
      </p>
    );
  }
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
  return <ReaderView db={db} article={article.value} reader={reader} highlightId={highlightId} />;
}

import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ArticleMeta } from '@/utils/model';
import { deleteArticle, listArticles, type ReadmarkDb } from '@/utils/storage';
import { formatDate, formatReadingTime } from '../shared/format';
import { t } from '../shared/i18n';
import { useObserved } from '../shared/use-observed';

export function LibraryApp({ db, focusId }: { db: ReadmarkDb; focusId: string | null }) {
  const articles = useObserved(() => listArticles(db), [db]);

  useEffect(() => {
    if (articles.kind === 'ready' && focusId) document.getElementById(`article-${focusId}`)?.focus();
  }, [articles.kind, focusId]);

  return (
    <main class="library">
      <header class="library-header">
        <h1>{t('libraryTitle')}</h1>
      </header>
      {articles.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {articles.kind === 'error' && (
        <p role="alert" class="notice">
          {t('errorLibrary', articles.message)}
        </p>
      )}
      {articles.kind === 'ready' && articles.value.length === 0 && <p class="empty">{t('libraryEmpty')}</p>}
      {articles.kind === 'ready' && articles.value.length > 0 && (
        <ul class="article-list" aria-label={t('libraryTitle')}>
          {articles.value.map((article) => (
            <ArticleRow key={article.id} article={article} db={db} focused={article.id === focusId} />
          ))}
        </ul>
      )}
    </main>
  );
}

function ArticleRow({ article, db, focused }: { article: ArticleMeta; db: ReadmarkDb; focused: boolean }) {
  const readerUrl = browser.runtime.getURL(
    `/reader.html?id=${encodeURIComponent(article.id)}` as '/reader.html',
  );
  const remove = async () => {
    const result = await deleteArticle(db, article.id);
    if (!result.ok) alert(result.error);
  };
  return (
    <li class={focused ? 'article focused' : 'article'}>
      <a id={`article-${article.id}`} class="article-title" href={readerUrl}>
        {article.title}
      </a>
      <p class="meta">
        {[
          article.siteName,
          t('savedDate', formatDate(article.savedAt)),
          formatReadingTime(article.readingTimeMinutes),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <button type="button" class="delete" onClick={remove} aria-label={t('deleteArticle', article.title)}>
        {t('delete')}
      </button>
    </li>
  );
}

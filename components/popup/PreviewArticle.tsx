import type { ArticlePreview } from '@/utils/messaging';
import { formatDate, formatReadingTime, formatWordCount } from '../shared/format';
import { t } from '../shared/i18n';

/** The preview's article: title, byline · site · date, reading time and words, the opening. */
export function PreviewArticle({ article }: { article: ArticlePreview }) {
  return (
    <article class="preview" aria-labelledby="preview-title">
      <h1 id="preview-title">{article.title}</h1>
      <p class="meta">
        {[article.byline, article.siteName, formatDate(article.publishedTime)].filter(Boolean).join(' · ')}
      </p>
      <p class="meta">
        {formatReadingTime(article.readingTimeMinutes)} · {formatWordCount(article.wordCount)}
      </p>
      <p class="opening" id="opening">
        {article.opening}
      </p>
    </article>
  );
}

/**
 * What the popup shows before it knows everything: "Reading…", or once the tab's reading has it,
 * the article alone (its actions come with the rest of the popup).
 */
export function EarlyPopup({ article }: { article: ArticlePreview | null }) {
  if (article)
    return (
      <main class="popup">
        <PreviewArticle article={article} />
      </main>
    );
  return (
    <main class="popup" aria-busy="true">
      <p id="status" role="status">
        {t('reading')}
      </p>
    </main>
  );
}

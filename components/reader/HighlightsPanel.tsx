import { t } from '../shared/i18n';

/**
 * The article's highlights and notes. A placeholder until highlighting lands: it takes the
 * article id it will list highlights for, and shows the empty state.
 */
export function HighlightsPanel({ articleId }: { articleId: string }) {
  return (
    <p class="reader-empty" data-article-id={articleId}>
      {t('highlightsEmpty')}
    </p>
  );
}

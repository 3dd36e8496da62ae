import type { ArticleMeta } from '@/utils/model';
import { formatDate, formatReadingTime } from '../shared/format';
import { t } from '../shared/i18n';

/** Title, byline, site, dates, reading time and a link to the original page. */
export function ReaderHeader({ meta }: { meta: ArticleMeta }) {
  const published = formatDate(meta.publishedTime);
  return (
    <header class="reader-header">
      <h1 id="reader-title">{meta.title}</h1>
      <p class="meta">
        {[meta.byline, meta.siteName].filter(Boolean).join(' · ')}
        {published && (meta.byline || meta.siteName) ? ' · ' : ''}
        {published && <time dateTime={meta.publishedTime ?? undefined}>{published}</time>}
      </p>
      <p class="meta">
        <time dateTime={new Date(meta.savedAt).toISOString()}>
          {t('savedDate', formatDate(meta.savedAt))}
        </time>
        {' · '}
        {formatReadingTime(meta.readingTimeMinutes)}
        {' · '}
        <a href={meta.url} rel="noopener noreferrer" target="_blank">
          {t('original')}
        </a>
      </p>
    </header>
  );
}

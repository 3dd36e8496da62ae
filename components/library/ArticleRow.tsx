import { memo } from 'preact/compat';
import { browser } from 'wxt/browser';
import type { ArticleSummary } from '@/utils/model';
import { type SnippetPart, siteOf } from '@/utils/search';
import { formatDate, formatReadingTime } from '../shared/format';
import { t } from '../shared/i18n';

/** Every row is this tall (px), so the list can place row i at i × ROW_HEIGHT without measuring. */
export const ROW_HEIGHT = 84;

export interface RowActions {
  select(id: string, index: number, range: boolean): void;
  favourite(meta: ArticleSummary): void;
  archive(meta: ArticleSummary): void;
  remove(ids: string[]): void;
  removeTag(id: string, tag: string): void;
  activate(index: number): void;
}

/**
 * Builds what a row's text needs the first time it is used (the date format, the messages): tens
 * of ms on a busy machine, better spent while the first rows are being read.
 */
export function warmRowText(): void {
  formatDate(Date.now());
  formatReadingTime(1);
}

export function readerUrl(id: string): string {
  return browser.runtime.getURL(`/reader.html?id=${encodeURIComponent(id)}` as '/reader.html');
}

interface Props {
  meta: ArticleSummary;
  index: number;
  total: number;
  selected: boolean;
  active: boolean;
  highlighted: boolean;
  actions: RowActions;
  /** Where the search matched the article's text, matched words marked; shown in place of the tags line. */
  snippet?: SnippetPart[] | null;
}

/**
 * One row. Memoised: a keystroke re-renders the library, and rows whose props did not change
 * (the same article object, place and state; `actions` is stable) skip their render.
 */
export const ArticleRow = memo(function ArticleRow({
  meta,
  index,
  total,
  selected,
  active,
  highlighted,
  actions,
  snippet,
}: Props) {
  const classes = ['article', active && 'active', highlighted && 'focused', selected && 'selected'];
  const progress = Math.round(meta.progress * 100);
  return (
    <li
      class={classes.filter(Boolean).join(' ')}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      aria-setsize={total}
      aria-posinset={index + 1}
      onFocusIn={() => actions.activate(index)}
    >
      <input
        type="checkbox"
        class="article-select"
        checked={selected}
        aria-label={t('selectArticle', meta.title)}
        onClick={(event) => {
          event.preventDefault();
          actions.select(meta.id, index, event.shiftKey);
        }}
      />
      <div class="article-main">
        <a
          id={`article-${meta.id}`}
          class="article-title"
          href={readerUrl(meta.id)}
          lang={meta.lang ?? undefined}
        >
          {meta.title}
        </a>
        <p class="meta">
          {[
            siteOf(meta),
            t('savedDate', formatDate(meta.savedAt)),
            formatReadingTime(meta.readingTimeMinutes),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {snippet && (
          <p class="snippet">
            {/* Text nodes and <mark> only: the stored text is never parsed as HTML. */}
            {snippet.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
          </p>
        )}
        <div class="article-extra">
          <span class={meta.readAt === null ? 'state unread' : 'state'}>
            {meta.readAt !== null
              ? t('stateRead')
              : progress > 0
                ? t('progressRead', String(progress))
                : t('stateUnread')}
          </span>
          {meta.archived === 1 && <span class="state">{t('stateArchived')}</span>}
          {meta.notDownloaded === 1 && <span class="state not-downloaded">{t('libraryNotDownloaded')}</span>}
          {meta.tags.map((tag) => (
            <span class="tag" key={tag}>
              {tag}
              <button
                type="button"
                class="tag-remove"
                aria-label={t('removeTagFrom', [tag, meta.title])}
                onClick={() => actions.removeTag(meta.id, tag)}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      </div>
      <div class="article-actions">
        <button
          type="button"
          class="favourite"
          aria-pressed={meta.favourite === 1}
          aria-label={t('favouriteArticle', meta.title)}
          title={t('favourite')}
          onClick={() => actions.favourite(meta)}
        >
          {meta.favourite === 1 ? '★' : '☆'}
        </button>
        <button
          type="button"
          class="archive"
          onClick={() => actions.archive(meta)}
          aria-label={t(meta.archived ? 'unarchiveArticle' : 'archiveArticle', meta.title)}
        >
          {meta.archived ? t('unarchive') : t('archive')}
        </button>
        <button
          type="button"
          class="delete"
          onClick={() => actions.remove([meta.id])}
          aria-label={t('deleteArticle', meta.title)}
        >
          {t('delete')}
        </button>
      </div>
      {progress > 0 && meta.readAt === null && (
        <span class="article-progress" style={{ width: `${progress}%` }} aria-hidden="true" />
      )}
    </li>
  );
});

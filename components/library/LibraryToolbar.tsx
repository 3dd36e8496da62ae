import type { RefObject } from 'preact';
import { useMemo } from 'preact/hooks';
import type { ReadStatus } from '@/utils/search';
import type { IndexState } from '@/utils/services';
import { errorMessage } from '../shared/error-message';
import type { MessageKey } from '../shared/i18n';
import { t } from '../shared/i18n';
import { type LibraryFilters, type SiteCount, SORT_CHOICES, type SortChoice, STATUSES } from './library-view';

const STATUS_LABELS: Record<ReadStatus, MessageKey> = {
  all: 'shelfAll',
  unread: 'shelfUnread',
  read: 'shelfRead',
  favourites: 'shelfFavourites',
  archived: 'shelfArchived',
};

const SORT_LABELS: Record<SortChoice, MessageKey> = {
  relevance: 'sortRelevance',
  'savedAt-desc': 'sortSavedNewest',
  'savedAt-asc': 'sortSavedOldest',
  'publishedTime-desc': 'sortPublishedNewest',
  'publishedTime-asc': 'sortPublishedOldest',
  'title-asc': 'sortTitle',
  'readingTime-asc': 'sortShortest',
  'readingTime-desc': 'sortLongest',
};

interface Props {
  query: string;
  onQuery(query: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
  index: IndexState;
  filters: LibraryFilters;
  onFilters(filters: LibraryFilters): void;
  shelfCounts: Record<ReadStatus, number> | null;
  sites: readonly SiteCount[];
  tags: readonly { tag: string; count: number }[];
}

function indexNote(index: IndexState): string {
  switch (index.phase) {
    case 'loading':
      return t('searchLoading');
    case 'indexing':
      return t('searchIndexing', [String(index.done), String(index.total)]);
    case 'error':
      return errorMessage(index.error);
    case 'ready':
      return '';
  }
}

/** Search box, shelves, sort and filters: the top of the library. */
export function LibraryToolbar(props: Props) {
  const { filters, onFilters } = props;
  const note = indexNote(props.index);
  // Built once per list: the same option nodes let every keystroke's render skip them.
  const siteOptions = useMemo(
    () =>
      props.sites.map(({ site, label, count }) => (
        <option key={site} value={site}>
          {label} ({count})
        </option>
      )),
    [props.sites],
  );
  // Formatted once per change of the counts, not on every keystroke.
  const shelfCounts = useMemo(() => {
    if (!props.shelfCounts) return null;
    const format = new Intl.NumberFormat();
    const counts = props.shelfCounts;
    return Object.fromEntries(STATUSES.map((status) => [status, format.format(counts[status])]));
  }, [props.shelfCounts]);
  const tagOptions = useMemo(
    () =>
      props.tags.map(({ tag, count }) => (
        <option key={tag} value={tag}>
          {tag} ({count})
        </option>
      )),
    [props.tags],
  );
  return (
    <div class="library-tools">
      <search class="library-search">
        <input
          id="library-search"
          ref={props.searchRef}
          type="search"
          placeholder={t('searchPlaceholder')}
          value={props.query}
          aria-label={t('searchLabel')}
          aria-describedby="search-note"
          autocomplete="off"
          onInput={(event) => props.onQuery(event.currentTarget.value)}
        />
        <span id="search-note" class="meta" role="status">
          {note}
        </span>
      </search>
      <fieldset class="shelves" aria-label={t('shelvesLabel')}>
        {STATUSES.map((status) => (
          <button
            type="button"
            key={status}
            class="shelf"
            aria-pressed={filters.status === status}
            onClick={() => onFilters({ ...filters, status })}
          >
            {t(STATUS_LABELS[status])}
            {shelfCounts && <span class="count"> {shelfCounts[status]}</span>}
          </button>
        ))}
      </fieldset>
      <div class="filters">
        <label>
          {t('sortLabel')}{' '}
          <select
            id="library-sort"
            value={filters.sort}
            onChange={(e) => onFilters({ ...filters, sort: e.currentTarget.value as SortChoice })}
          >
            {SORT_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t(SORT_LABELS[choice])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('siteLabel')}{' '}
          <select
            id="library-site"
            value={filters.site ?? ''}
            onChange={(e) => onFilters({ ...filters, site: e.currentTarget.value || null })}
          >
            <option value="">{t('anySite')}</option>
            {siteOptions}
          </select>
        </label>
        <label>
          {t('tagLabel')}{' '}
          <select
            id="library-tag"
            value={filters.tag ?? ''}
            onChange={(e) => onFilters({ ...filters, tag: e.currentTarget.value || null })}
          >
            <option value="">{t('anyTag')}</option>
            {tagOptions}
          </select>
        </label>
      </div>
    </div>
  );
}

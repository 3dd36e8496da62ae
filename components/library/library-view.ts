import type { ArticleMeta } from '@/utils/model';
import {
  type ArticleSort,
  filterArticles,
  type LibrarySearch,
  type ReadStatus,
  siteOf,
  sortArticles,
} from '@/utils/search';

/** The orders the reader can choose; 'relevance' falls back to newest first when nothing is searched. */
export const SORT_CHOICES = [
  'relevance',
  'savedAt-desc',
  'savedAt-asc',
  'publishedTime-desc',
  'publishedTime-asc',
  'title-asc',
  'readingTime-asc',
  'readingTime-desc',
] as const;
export type SortChoice = (typeof SORT_CHOICES)[number];

export const STATUSES: readonly ReadStatus[] = ['all', 'unread', 'read', 'favourites', 'archived'];

/** The list's filters, as the reader set them. */
export interface LibraryFilters {
  status: ReadStatus;
  site: string | null;
  tag: string | null;
  sort: SortChoice;
}

export const DEFAULT_FILTERS: LibraryFilters = { status: 'all', site: null, tag: null, sort: 'relevance' };

/** The sort a choice stands for when not ordering by relevance. */
export function fieldSort(choice: SortChoice): ArticleSort {
  if (choice === 'relevance') return { by: 'savedAt', direction: 'desc' };
  const [by, direction] = choice.split('-') as [Exclude<ArticleSort['by'], 'relevance'>, 'asc' | 'desc'];
  return { by, direction };
}

/**
 * The articles to show. `sorted` is the library already in the chosen field order (sorted once
 * per order, not per keystroke); each keystroke only filters it, and re-sorts the few matches
 * when the order is relevance.
 */
export function visibleArticles(
  sorted: readonly ArticleMeta[],
  filters: LibraryFilters,
  search: LibrarySearch | null,
): ArticleMeta[] {
  const shown = filterArticles(sorted, {
    status: filters.status,
    site: filters.site,
    tags: filters.tag ? { mode: 'all', tags: [filters.tag] } : undefined,
    matches: search?.scores ?? null,
  });
  if (search && filters.sort === 'relevance')
    return sortArticles(shown, { by: 'relevance', scores: search.scores });
  return shown;
}

/** Sites in use with their article counts, alphabetical. */
export function countSites(metas: readonly ArticleMeta[]): { site: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const meta of metas) {
    const site = siteOf(meta);
    if (site) counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  const collator = new Intl.Collator();
  return [...counts]
    .map(([site, count]) => ({ site, count }))
    .sort((a, b) => collator.compare(a.site, b.site));
}

/** Whether any filter narrows the list (beyond the status shelf). */
export function isFiltered(filters: LibraryFilters, query: string): boolean {
  return filters.site !== null || filters.tag !== null || query.trim() !== '';
}

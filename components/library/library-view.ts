import type { ArticleSummary } from '@/utils/model';
import {
  type ArticleSort,
  type Filterable,
  filterArticles,
  type LibrarySearch,
  type ReadStatus,
  siteKey,
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
 * The library in the chosen field order with the shelf, site and tag filters applied: what the
 * list shows with an empty search box. Computed once per order and filter, never per keystroke.
 */
export function filterLibrary<T extends Filterable>(sorted: readonly T[], filters: LibraryFilters): T[] {
  return filterArticles(sorted, {
    status: filters.status,
    site: filters.site,
    tags: filters.tag ? { mode: 'all', tags: [filters.tag] } : undefined,
  });
}

/** Each article's place in a filtered list, by id: lets a search skip the articles it did not match. */
export function positionsOf(list: readonly { id: string }[]): Map<string, number> {
  return new Map(list.map((meta, i) => [meta.id, i]));
}

/**
 * The articles a search shows: its matches among `filtered` (see filterLibrary, whose
 * `positions` these are), by relevance (best first; equal scores in list order) or in the list's
 * own order. A keystroke costs what its matches cost, not what the library does.
 */
export function searchResults<T>(
  filtered: readonly T[],
  positions: ReadonlyMap<string, number>,
  search: LibrarySearch | null,
  byRelevance: boolean,
): readonly T[] {
  if (!search) return filtered;
  const found: { at: number; score: number }[] = [];
  for (const [id, score] of search.scores) {
    const at = positions.get(id);
    if (at !== undefined) found.push({ at, score });
  }
  found.sort(byRelevance ? (a, b) => b.score - a.score || a.at - b.at : (a, b) => a.at - b.at);
  return found.map(({ at }) => filtered[at]!);
}

/** The articles to show: filterLibrary, then searchResults (one call, for tests and one-offs). */
export function visibleArticles<T extends Filterable>(
  sorted: readonly T[],
  filters: LibraryFilters,
  search: LibrarySearch | null,
): readonly T[] {
  const filtered = filterLibrary(sorted, filters);
  return searchResults(filtered, positionsOf(filtered), search, filters.sort === 'relevance');
}

let collator: Intl.Collator | undefined;
/** The site list's collator: built once (the first costs tens of ms on a busy machine). */
export function siteCollator(): Intl.Collator {
  collator ??= new Intl.Collator();
  return collator;
}

export interface SiteCount {
  /** The filter value: the host (siteKey). */
  site: string;
  /** What the reader sees: the site's name where its pages give one, else the host. */
  label: string;
  count: number;
}

/**
 * Sites in use with their article counts, alphabetical: one entry per host, named by the site
 * name its articles give most often (else the host). Two hosts that claim the same name stay
 * two entries, each with its host after the name.
 */
export function countSites(metas: readonly Pick<ArticleSummary, 'siteName' | 'canonicalUrl'>[]): SiteCount[] {
  const hosts = new Map<string, { count: number; names: Map<string, number> }>();
  for (const meta of metas) {
    const host = siteKey(meta);
    if (!host) continue;
    const entry = hosts.get(host) ?? { count: 0, names: new Map<string, number>() };
    entry.count++;
    const name = meta.siteName?.trim();
    if (name) entry.names.set(name, (entry.names.get(name) ?? 0) + 1);
    hosts.set(host, entry);
  }
  const sites = [...hosts].map(([site, { count, names }]) => {
    const [best] = [...names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return { site, label: best?.[0] ?? site, count };
  });
  const labels = new Map<string, number>();
  for (const { label } of sites) labels.set(label, (labels.get(label) ?? 0) + 1);
  const labelOrder = siteCollator();
  return sites
    .map((s) =>
      (labels.get(s.label) ?? 0) > 1 && s.label !== s.site ? { ...s, label: `${s.label} (${s.site})` } : s,
    )
    .sort((a, b) => labelOrder.compare(a.label, b.label));
}

/** Whether any filter narrows the list (beyond the status shelf). */
export function isFiltered(filters: LibraryFilters, query: string): boolean {
  return filters.site !== null || filters.tag !== null || query.trim() !== '';
}

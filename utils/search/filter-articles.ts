import type { ArticleMeta } from '@/utils/model';
import { tagKey } from './normalise-tag';

/**
 * Which shelf of the library to show. Archived articles appear only on the 'archived' shelf and
 * on 'favourites' (a favourite is kept on purpose, wherever it is filed); 'all', 'unread' and
 * 'read' leave them out, as archiving is how a reader clears them away.
 */
export type ReadStatus = 'all' | 'unread' | 'read' | 'archived' | 'favourites';

export interface ArticleFilter {
  status?: ReadStatus;
  /** Tags compared by tagKey; 'any' keeps articles with at least one, 'all' with every one. */
  tags?: { mode: 'any' | 'all'; tags: readonly string[] };
  /** A site as given by siteKey (a host). */
  site?: string | null;
  /** Search matches (a LibrarySearch's scores, or any set of ids); null or absent: no search. */
  matches?: { has(id: string): boolean } | null;
}

const HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:www\.)?([^/?#:]+)/i;

/** The site an article is shown with: its site name, else its host without "www.". */
export function siteOf(meta: Pick<ArticleMeta, 'siteName' | 'canonicalUrl'>): string {
  return meta.siteName?.trim() || siteKey(meta);
}

/**
 * The site an article is filed under: its host without "www.". Not the site name: a page
 * declares that itself (any page can call itself "The Ledger"), and some pages of a site declare
 * it while others do not; the host is one identity per site.
 */
export function siteKey(meta: Pick<ArticleMeta, 'canonicalUrl'>): string {
  // A regex, not new URL(): this runs for every article on every keystroke.
  return HOST.exec(meta.canonicalUrl)?.[1]?.toLowerCase() ?? '';
}

/** What filtering reads of an article (an ArticleMeta or an ArticleSummary). */
export type Filterable = Pick<
  ArticleMeta,
  'id' | 'archived' | 'readAt' | 'favourite' | 'tags' | 'canonicalUrl'
>;

function statusTest(status: ReadStatus): (meta: Filterable) => boolean {
  switch (status) {
    case 'all':
      return (m) => m.archived === 0;
    case 'unread':
      return (m) => m.archived === 0 && m.readAt === null;
    case 'read':
      return (m) => m.archived === 0 && m.readAt !== null;
    case 'archived':
      return (m) => m.archived === 1;
    case 'favourites':
      return (m) => m.favourite === 1;
  }
}

function tagTest(mode: 'any' | 'all', wanted: ReadonlySet<string>): (meta: Filterable) => boolean {
  if (mode === 'any') return (meta) => meta.tags.some((tag) => wanted.has(tagKey(tag)));
  const required = [...wanted];
  return (meta) => {
    const keys = meta.tags.map(tagKey);
    return required.every((key) => keys.includes(key));
  };
}

/** The articles that pass every part of the filter, in their input order. */
export function filterArticles<T extends Filterable>(metas: readonly T[], filter: ArticleFilter): T[] {
  const tests: ((meta: Filterable) => boolean)[] = [statusTest(filter.status ?? 'all')];
  const matches = filter.matches;
  if (matches) tests.push((m) => matches.has(m.id));
  const site = filter.site;
  if (site) tests.push((m) => siteKey(m) === site);
  const wanted = new Set((filter.tags?.tags ?? []).map(tagKey).filter((key) => key !== ''));
  if (filter.tags && wanted.size > 0) tests.push(tagTest(filter.tags.mode, wanted));
  return metas.filter((meta) => tests.every((test) => test(meta)));
}

/**
 * How many articles each shelf holds, in one pass over the library (the library's shelf counts:
 * a filter per shelf would build a list of thousands for each only to count it).
 */
export function countShelves(
  metas: readonly Filterable[],
  shelves: readonly ReadStatus[],
): Record<ReadStatus, number> {
  const tests = shelves.map(statusTest);
  const counts = new Array<number>(shelves.length).fill(0);
  for (const meta of metas) for (let i = 0; i < tests.length; i++) if (tests[i]!(meta)) counts[i]!++;
  return Object.fromEntries(shelves.map((shelf, i) => [shelf, counts[i]!])) as Record<ReadStatus, number>;
}

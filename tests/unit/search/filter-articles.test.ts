import { describe, expect, it } from 'vitest';
import { countShelves, filterArticles, type ReadStatus, siteKey, siteOf } from '@/utils/search';
import { makeMeta } from './make-article';

const unread = makeMeta('unread', { tags: ['AI', 'Policy'], siteName: 'The Ledger' });
const read = makeMeta('read', { readAt: 5, tags: ['ai'], canonicalUrl: 'https://www.harbour.example/x' });
const archived = makeMeta('archived', { archived: 1, readAt: 5, tags: ['Policy'] });
const favourite = makeMeta('favourite', { favourite: 1, tags: ['gardening'], siteName: 'The Ledger' });
const archivedFavourite = makeMeta('archivedFavourite', { favourite: 1, archived: 1 });
const all = [unread, read, archived, favourite, archivedFavourite];

const idsOf = (metas: { id: string }[]) => metas.map((m) => m.id);

describe('filterArticles', () => {
  it('hides archived articles except on the archived and favourites shelves', () => {
    expect(idsOf(filterArticles(all, {}))).toEqual(['unread', 'read', 'favourite']);
    expect(idsOf(filterArticles(all, { status: 'unread' }))).toEqual(['unread', 'favourite']);
    expect(idsOf(filterArticles(all, { status: 'read' }))).toEqual(['read']);
    expect(idsOf(filterArticles(all, { status: 'archived' }))).toEqual(['archived', 'archivedFavourite']);
    expect(idsOf(filterArticles(all, { status: 'favourites' }))).toEqual(['favourite', 'archivedFavourite']);
  });

  it('filters by any or all of some tags, whatever their case or spacing', () => {
    const any = filterArticles(all, { status: 'archived', tags: { mode: 'any', tags: [' policy'] } });
    expect(idsOf(any)).toEqual(['archived']);
    expect(idsOf(filterArticles(all, { tags: { mode: 'any', tags: ['#AI', 'gardening'] } }))).toEqual([
      'unread',
      'read',
      'favourite',
    ]);
    expect(idsOf(filterArticles(all, { tags: { mode: 'all', tags: ['ai', 'POLICY'] } }))).toEqual(['unread']);
    expect(idsOf(filterArticles(all, { tags: { mode: 'all', tags: [] } }))).toEqual(
      idsOf(filterArticles(all, {})),
    );
  });

  it('filters by site: the host, whatever name the page gives itself', () => {
    expect(siteOf(read)).toBe('harbour.example');
    expect(siteOf(unread)).toBe('The Ledger');
    expect(siteKey(unread)).toBe('example.org');
    // A page elsewhere that calls itself "The Ledger" is not filed with The Ledger's pages.
    const impostor = makeMeta('impostor', { siteName: 'The Ledger', canonicalUrl: 'https://evil.example/a' });
    expect(idsOf(filterArticles([...all, impostor], { site: 'example.org' }))).toEqual([
      'unread',
      'favourite',
    ]);
    expect(idsOf(filterArticles(all, { site: 'harbour.example' }))).toEqual(['read']);
  });

  it('combines a search result with status, tag and site', () => {
    const matches = new Map([
      ['favourite', 2],
      ['archived', 3],
      ['unread', 1],
    ]);
    expect(idsOf(filterArticles(all, { matches }))).toEqual(['unread', 'favourite']);
    expect(
      idsOf(filterArticles(all, { matches, site: 'example.org', tags: { mode: 'any', tags: ['ai'] } })),
    ).toEqual(['unread']);
    expect(filterArticles(all, { matches: new Set<string>() })).toEqual([]);
  });
});

describe('countShelves', () => {
  it('counts each shelf as filtering to it would, in one pass', () => {
    const metas = [
      makeMeta('a'),
      makeMeta('b', { readAt: 1 }),
      makeMeta('c', { archived: 1 }),
      makeMeta('d', { archived: 1, favourite: 1, readAt: 2 }),
      makeMeta('e', { favourite: 1 }),
    ];
    const shelves: ReadStatus[] = ['all', 'unread', 'read', 'favourites', 'archived'];
    expect(countShelves(metas, shelves)).toEqual({ all: 3, unread: 2, read: 1, favourites: 2, archived: 2 });
    for (const status of shelves)
      expect(countShelves(metas, shelves)[status]).toBe(filterArticles(metas, { status }).length);
  });
});

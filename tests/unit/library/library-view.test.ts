import { describe, expect, test } from 'vitest';
import { toggleSelection } from '@/components/library/library-selection';
import {
  countSites,
  DEFAULT_FILTERS,
  fieldSort,
  filterLibrary,
  positionsOf,
  searchResults,
  visibleArticles,
} from '@/components/library/library-view';
import { sortArticles } from '@/utils/search';
import { makeMeta } from '../search/make-article';

const metas = [
  makeMeta('a', { title: 'Bravo', savedAt: 3, siteName: 'Courier', tags: ['AI'] }),
  makeMeta('b', { title: 'alpha', savedAt: 2, siteName: 'Courier', archived: 1 }),
  makeMeta('c', {
    title: 'Charlie',
    savedAt: 1,
    canonicalUrl: 'https://www.lamp.example/x',
    tags: ['ai', 'Sea'],
  }),
];

describe('visibleArticles', () => {
  const sorted = sortArticles(metas, fieldSort('savedAt-desc'));

  test('combines shelf, site and tag filters over the sorted list', () => {
    expect(visibleArticles(sorted, DEFAULT_FILTERS, null).map((m) => m.id)).toEqual(['a', 'c']);
    expect(
      visibleArticles(sorted, { ...DEFAULT_FILTERS, status: 'archived' }, null).map((m) => m.id),
    ).toEqual(['b']);
    expect(
      visibleArticles(sorted, { ...DEFAULT_FILTERS, site: 'lamp.example' }, null).map((m) => m.id),
    ).toEqual(['c']);
    expect(visibleArticles(sorted, { ...DEFAULT_FILTERS, tag: 'Ai' }, null).map((m) => m.id)).toEqual([
      'a',
      'c',
    ]);
  });

  test('search results come in relevance order, or in the chosen order', () => {
    const search = {
      mode: 'all-terms' as const,
      scores: new Map([
        ['a', 1],
        ['c', 5],
      ]),
    };
    expect(visibleArticles(sorted, DEFAULT_FILTERS, search).map((m) => m.id)).toEqual(['c', 'a']);
    const byDate = { ...DEFAULT_FILTERS, sort: 'savedAt-desc' as const };
    expect(visibleArticles(sorted, byDate, search).map((m) => m.id)).toEqual(['a', 'c']);
  });

  test('a search places only its matches: filtered-out ones are left out, equal scores keep list order', () => {
    const unsearched = filterLibrary(sorted, DEFAULT_FILTERS); // a, c (b is archived)
    const positions = positionsOf(unsearched);
    const search = {
      mode: 'all-terms' as const,
      scores: new Map([
        ['b', 9], // archived: not on this shelf
        ['c', 2],
        ['a', 2],
        ['gone', 7], // deleted since the search ran
      ]),
    };
    expect(searchResults(unsearched, positions, search, true).map((m) => m.id)).toEqual(['a', 'c']);
    expect(searchResults(unsearched, positions, null, true)).toBe(unsearched);
  });

  test('relevance without a search means newest first', () => {
    expect(fieldSort('relevance')).toEqual({ by: 'savedAt', direction: 'desc' });
    expect(fieldSort('title-asc')).toEqual({ by: 'title', direction: 'asc' });
  });
});

test('countSites: one entry per host, named by its articles, whether or not each gives the name', () => {
  const sameSite = [
    makeMeta('x', { siteName: 'Lamp Post', canonicalUrl: 'https://lamp.example/1' }),
    makeMeta('y', { canonicalUrl: 'https://www.lamp.example/2' }),
    makeMeta('z', { siteName: 'Lamp Post', canonicalUrl: 'https://lamp.example/3' }),
    makeMeta('w', { siteName: 'Lamp Post', canonicalUrl: 'https://copycat.example/3' }),
    makeMeta('v', { canonicalUrl: 'https://bare.example/3' }),
  ];
  expect(countSites(sameSite)).toEqual([
    { site: 'bare.example', label: 'bare.example', count: 1 },
    { site: 'copycat.example', label: 'Lamp Post (copycat.example)', count: 1 },
    { site: 'lamp.example', label: 'Lamp Post (lamp.example)', count: 3 },
  ]);
});

test('countSites counts each site once per article, alphabetically', () => {
  expect(countSites(metas)).toEqual([
    { site: 'example.org', label: 'Courier', count: 2 },
    { site: 'lamp.example', label: 'lamp.example', count: 1 },
  ]);
});

describe('toggleSelection', () => {
  test('a click toggles one row; Shift extends from the last toggled row with its new state', () => {
    let selected = toggleSelection(new Set(), metas, 'a', 0, null, false);
    expect([...selected]).toEqual(['a']);
    selected = toggleSelection(selected, metas, 'c', 2, 0, true);
    expect([...selected].sort()).toEqual(['a', 'b', 'c']);
    selected = toggleSelection(selected, metas, 'b', 1, 2, true);
    expect([...selected]).toEqual(['a']);
  });
});

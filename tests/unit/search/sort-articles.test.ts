import { describe, expect, it } from 'vitest';
import { sortArticles } from '@/utils/search';
import { makeMeta } from './make-article';

const idsOf = (metas: { id: string }[]) => metas.map((m) => m.id);

const metas = [
  makeMeta('b', {
    title: 'Part 10: harvest',
    savedAt: 3,
    readingTimeMinutes: 5,
    publishedTime: '2024-03-01T00:00:00Z',
  }),
  makeMeta('a', { title: '“Apples” in winter', savedAt: 1, readingTimeMinutes: 5, publishedTime: null }),
  makeMeta('c', {
    title: 'Part 2: sowing',
    savedAt: 2,
    readingTimeMinutes: 12,
    publishedTime: '2023-01-01T10:00:00+02:00',
  }),
  makeMeta('d', {
    title: 'Éclairs and zest',
    savedAt: 4,
    readingTimeMinutes: 1,
    publishedTime: '2024-03-01',
  }),
];

describe('sortArticles', () => {
  it('sorts by saved date either way', () => {
    expect(idsOf(sortArticles(metas, { by: 'savedAt', direction: 'asc' }))).toEqual(['a', 'c', 'b', 'd']);
    expect(idsOf(sortArticles(metas, { by: 'savedAt', direction: 'desc' }))).toEqual(['d', 'b', 'c', 'a']);
  });

  it('sorts titles by locale: accents, numbers and quotes as a reader expects', () => {
    expect(idsOf(sortArticles(metas, { by: 'title', direction: 'asc' }, 'en'))).toEqual(['a', 'd', 'c', 'b']);
    expect(idsOf(sortArticles(metas, { by: 'title', direction: 'desc' }, 'en'))).toEqual([
      'b',
      'c',
      'd',
      'a',
    ]);
  });

  it('ranks a subset and a newly seen title consistently with the whole', () => {
    sortArticles(metas, { by: 'title', direction: 'asc' }, 'en');
    const subset = [metas[3]!, metas[0]!, makeMeta('e', { title: 'banana bread' })];
    expect(idsOf(sortArticles(subset, { by: 'title', direction: 'asc' }, 'en'))).toEqual(['e', 'd', 'b']);
  });

  // b and d fall on the same instant (a date-only ISO string is UTC midnight): a tie.
  it('puts articles without a published date last in either direction', () => {
    expect(idsOf(sortArticles(metas, { by: 'publishedTime', direction: 'asc' }))).toEqual([
      'c',
      'b',
      'd',
      'a',
    ]);
    expect(idsOf(sortArticles(metas, { by: 'publishedTime', direction: 'desc' }))).toEqual([
      'b',
      'd',
      'c',
      'a',
    ]);
  });

  it('is stable: ties keep their input order in both directions', () => {
    expect(idsOf(sortArticles(metas, { by: 'readingTime', direction: 'asc' }))).toEqual(['d', 'b', 'a', 'c']);
    expect(idsOf(sortArticles(metas, { by: 'readingTime', direction: 'desc' }))).toEqual([
      'c',
      'b',
      'a',
      'd',
    ]);
  });

  it('orders by relevance, best score first, unscored last', () => {
    const scores = new Map([
      ['c', 1.5],
      ['a', 9],
    ]);
    expect(idsOf(sortArticles(metas, { by: 'relevance', scores }))).toEqual(['a', 'c', 'b', 'd']);
  });

  it('does not change its input', () => {
    const before = idsOf(metas);
    sortArticles(metas, { by: 'savedAt', direction: 'desc' });
    expect(idsOf(metas)).toEqual(before);
  });
});

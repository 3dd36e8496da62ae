import { describe, expect, test } from 'vitest';
import { summarise } from '@/utils/model';
import { quickSearch, quickSnippet } from '@/utils/search';
import { makeMeta } from './make-article';

const metas = [
  makeMeta('cafe', { title: 'The Café on the quay', siteName: 'Harbour Weekly' }),
  makeMeta('lens', { title: 'Cleaning a lighthouse lens', tags: ['Coast'] }),
  makeMeta('light', { title: 'Light pollution at sea', canonicalUrl: 'https://www.nightsky.example/light' }),
];
const found = (query: string) => [...(quickSearch(metas, query)?.scores.keys() ?? [])];

describe('quickSearch (the search box before the full-text index is ready)', () => {
  test('matches the beginnings of words in titles, folding case and accents', () => {
    expect(found('cafe')).toEqual(['cafe']);
    expect(found('LIGHT')).toEqual(['lens', 'light']);
    expect(found('house')).toEqual([]); // inside a word, not at its start
  });

  test('every query word must match; site names, hosts and tags count', () => {
    expect(found('harbour caf')).toEqual(['cafe']);
    expect(found('coast lens')).toEqual(['lens']);
    expect(found('nightsky')).toEqual(['light']);
    expect(found('coast cafe')).toEqual([]);
  });

  test('a whole word scores above a prefix, so relevance order puts it first', () => {
    const scores = quickSearch(metas, 'light')!.scores;
    expect(scores.get('light')).toBeGreaterThan(scores.get('lens')!);
  });

  test('null for a query without a searchable word (as the full-text index answers)', () => {
    expect(quickSearch(metas, '  ')).toBeNull();
    expect(quickSearch(metas, 'the')).toBeNull();
  });

  test('articles skipped unfolded (their raw text cannot hold a term) are never ones that match', () => {
    const make = () =>
      [
        { title: "O'Brien's E-MAIL to the harbour", tags: ['Night-Sky'] },
        { title: 'State of the Café', excerpt: 'Notes from the quay, 2026.' },
        { title: 'Measured in \u212Aelvin', excerpt: 'A cold night' }, // Kelvin sign: folds to "kelvin"
        { title: 'Plain words', excerpt: 'x2 engines; tide-tables and MORE', siteName: 'Tide Weekly' },
        { title: 'Ünïcödé everywhere', tags: ['Über'] },
      ].map((fields, i) => summarise(makeMeta(`m${i}`, fields)));
    // A query of a word with no ASCII folding makes every article a candidate: every haystack
    // is built and cached, so these objects answer without skipping any.
    const unskipped = make();
    quickSearch(unskipped, 'ß');
    for (const query of [
      'brien',
      'e mail',
      'EMAIL',
      'night sky',
      'cafe',
      'kelvin',
      'cold',
      'x2',
      'tide tab',
      'uber',
      'unicode',
      'quay 2026',
      'weekly',
    ]) {
      const answer = (list: typeof unskipped) => [...(quickSearch(list, query)?.scores ?? [])];
      expect(answer(make()), query).toEqual(answer(unskipped));
    }
    expect([...quickSearch(make(), 'kelvin')!.scores.keys()]).toEqual(['m2']);
    expect([...quickSearch(make(), 'e mail')!.scores.keys()]).toEqual(['m0']);
  });

  test('sees an edited title (the cache is per article object)', () => {
    const edited = [{ ...metas[0]!, title: 'Tide tables' }];
    expect([...(quickSearch(edited, 'tide')?.scores.keys() ?? [])]).toEqual(['cafe']);
  });
});

describe('quickSearch over summaries (the head of the text counts, below the title)', () => {
  const summaries = [
    summarise(
      makeMeta('head', { title: 'Notes from the coast', excerpt: 'The ferry timetable changes in spring.' }),
    ),
    summarise(makeMeta('title', { title: 'Ferry fares rise', excerpt: 'Prices go up again.' })),
  ];
  const scores = (query: string) => quickSearch(summaries, query)?.scores ?? new Map();

  test('a word of the head finds its article; one in the title ranks higher', () => {
    expect([...scores('timetable').keys()]).toEqual(['head']);
    const ferry = scores('ferry');
    expect(ferry.get('title')).toBeGreaterThan(ferry.get('head')!);
    expect([...scores('coast spring').keys()]).toEqual(['head']); // title and head words together
  });

  test('quickSnippet marks the head words that a query word begins', () => {
    expect(quickSnippet('The ferry timetable changes in spring.', 'time spr')).toEqual([
      { text: 'The ferry ', marked: false },
      { text: 'timetable', marked: true },
      { text: ' changes in ', marked: false },
      { text: 'spring', marked: true },
      { text: '.', marked: false },
    ]);
    expect(quickSnippet('The ferry timetable.', 'harbour')).toBeNull();
    expect(quickSnippet('The ferry timetable.', 'the')).toBeNull();
  });
});

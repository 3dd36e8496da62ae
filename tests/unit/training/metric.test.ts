import { describe, expect, it } from 'vitest';
import {
  aggregate,
  missingSnippets,
  scorePage,
  shingleCounts,
  shingles,
  survivingSnippets,
  tokenize,
  wordF1,
} from '../../../utils/training';

describe('shingle metric', () => {
  it('tokenizes on word characters in any script, keeping case', () => {
    expect(tokenize('Grüße, Welt! 2025 — naïve_case')).toEqual(['Grüße', 'Welt', '2025', 'naïve_case']);
  });

  it('counts 4-token shingles as a multiset, none for shorter texts', () => {
    expect(shingles('a b c').size).toBe(0);
    expect([...shingles('a b c d e')]).toEqual([
      ['a b c d', 1],
      ['b c d e', 1],
    ]);
    expect(shingles('x y z w x y z w').get('x y z w')).toBe(2);
  });

  it('counts true/false positives and false negatives on shingles', () => {
    // truth: "one two three four five" → {1234, 2345}; predicted adds a boilerplate tail.
    expect(shingleCounts('one two three four five', 'one two three four five six')).toEqual({
      tp: 2,
      fp: 1,
      fn: 0,
    });
    // A repeated copy is a false positive, not a second hit.
    expect(shingleCounts('a b c d', 'a b c d. a b c d')).toEqual({ tp: 1, fp: 4, fn: 0 });
  });

  it('averages precision and recall per page, then takes F1 of the means', () => {
    const perfect = scorePage('a b c d e f', 'a b c d e f');
    const half = scorePage('a b c d e f', 'a b c d'); // finds 1 of 3 shingles, all correct
    expect(perfect).toEqual({ precision: 1, recall: 1 });
    expect(half.precision).toBe(1);
    expect(half.recall).toBeCloseTo(1 / 3);
    const total = aggregate([perfect, half]);
    expect(total.precision).toBe(1);
    expect(total.recall).toBeCloseTo(2 / 3);
    expect(total.f1).toBeCloseTo((2 * 1 * (2 / 3)) / (1 + 2 / 3));
  });

  it('leaves an empty output out of mean precision but counts it as zero recall', () => {
    const empty = scorePage('a b c d e', '');
    expect(empty).toEqual({ precision: null, recall: 0 });
    const total = aggregate([empty, scorePage('a b c d e', 'a b c d e')]);
    expect(total.precision).toBe(1);
    expect(total.recall).toBe(0.5);
  });
});

describe("word F1 (the WCXB benchmark's page score)", () => {
  it('scores bags of lower-cased words, order ignored', () => {
    // 4 output words, all in the answer's 6: precision 1, recall 4/6.
    expect(wordF1('The cat sat on the mat', 'the mat, the CAT')).toBeCloseTo(0.8, 10);
    expect(wordF1('a b', 'c d')).toBe(0);
  });
  it('gives an empty answer 1 only for an empty output, and an empty output 0', () => {
    expect(wordF1('', '')).toBe(1);
    expect(wordF1('', 'words')).toBe(0);
    expect(wordF1('words', '')).toBe(0);
  });
});

describe('snippets', () => {
  const output = 'The  Article body.\nSubscribe to our NEWSLETTER today';
  it('finds surviving boilerplate case- and whitespace-insensitively', () => {
    expect(survivingSnippets(output, ['subscribe to our newsletter', 'Cookie settings'])).toEqual([
      'subscribe to our newsletter',
    ]);
  });
  it('ignores punctuation and quote style, but matches whole words only', () => {
    const page = 'It isn’t “news”: see the Benchmarks Report. Subscribers only.';
    expect(missingSnippets(page, ['It isn\'t "news"', 'the Benchmarks Report .', 'Subscriber'])).toEqual([
      'Subscriber',
    ]);
    expect(survivingSnippets(page, ['see the benchmarks', 'report subscribers', 'scribers only'])).toEqual([
      'see the benchmarks',
      'report subscribers',
    ]);
  });
  it('matches the last word of a snippet cut at 80 characters as the start of a word', () => {
    const cut = 'A long sentence of our own, written for this test, that the answers cut in a swo';
    expect([...cut].length).toBe(80);
    const page = `${cut}rd it had drawn. Subscribers only.`;
    expect(missingSnippets(page, [cut])).toEqual([]);
    // A snippet shorter than the cut is whole: its last word is a whole word.
    expect(missingSnippets(page, ['Subscriber'])).toEqual(['Subscriber']);
    expect(survivingSnippets(page, [cut])).toEqual([cut]);
  });
  it('finds content snippets that went missing', () => {
    expect(missingSnippets(output, ['the article body', 'A caption'])).toEqual(['A caption']);
  });
});

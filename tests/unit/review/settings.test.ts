import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS } from '@/utils/model';
import { readReviewSettings, wordCount } from '@/utils/review';

describe('review settings and words', () => {
  it('counts words as a reader does (apostrophes and hyphens inside, punctuation outside)', () => {
    expect(wordCount("It's a well-kept, small — package.")).toBe(5);
    expect(wordCount('  ')).toBe(0);
    expect(wordCount('l’été dernier, 2026')).toBe(3);
  });

  it('falls back to the defaults for anything stored that is not valid, field by field', () => {
    expect(readReviewSettings(undefined)).toEqual(DEFAULT_REVIEW_SETTINGS);
    expect(readReviewSettings({ minWords: -1, maxWords: 'x', newPerDay: 5, articles: [] })).toEqual({
      ...DEFAULT_REVIEW_SETTINGS,
      newPerDay: 5,
    });
  });

  it('keeps only known weights and cannot be made to touch a prototype', () => {
    const raw = JSON.parse('{"articles":{"__proto__":"more","a1":"excluded","a2":"bogus","a3":"normal"}}');
    const settings = readReviewSettings(raw);
    expect(Object.keys(settings.articles).sort()).toEqual(['__proto__', 'a1']);
    expect(Object.getPrototypeOf(settings.articles)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).more).toBeUndefined();
  });
});

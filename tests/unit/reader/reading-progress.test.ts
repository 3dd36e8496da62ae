import { afterEach, describe, expect, test, vi } from 'vitest';
import { type ArticleGeometry, progressAt, scrollYFor, throttle } from '@/components/reader/reading-progress';

// A 3000 px article starting 400 px down a page seen through an 800 px window: the end of the
// article reaches the bottom of the window at scrollY = 400 + 3000 - 800 = 2600.
const page: ArticleGeometry = { articleTop: 400, articleHeight: 3000, viewportHeight: 800 };

describe('progressAt / scrollYFor', () => {
  test('0 at the top of the page, 1 when the end of the article is in view, linear between', () => {
    expect(progressAt(0, page)).toBe(0);
    expect(progressAt(1300, page)).toBe(0.5);
    expect(progressAt(2600, page)).toBe(1);
  });

  test('clamped to 0..1 beyond the ends (overscroll, content below the article)', () => {
    expect(progressAt(-50, page)).toBe(0);
    expect(progressAt(5000, page)).toBe(1);
  });

  test('an article whose end is visible without scrolling counts as read through', () => {
    expect(progressAt(0, { articleTop: 100, articleHeight: 500, viewportHeight: 800 })).toBe(1);
    expect(scrollYFor(0.7, { articleTop: 100, articleHeight: 500, viewportHeight: 800 })).toBe(0);
  });

  test('scrollYFor is the inverse of progressAt', () => {
    for (const y of [0, 1, 333, 1300, 2599, 2600]) {
      expect(scrollYFor(progressAt(y, page), page)).toBe(y);
    }
    expect(scrollYFor(0.25, page)).toBe(650);
  });

  test('stored values out of range or not a number restore somewhere sensible', () => {
    expect(scrollYFor(-1, page)).toBe(0);
    expect(scrollYFor(3, page)).toBe(2600);
    expect(scrollYFor(Number.NaN, page)).toBe(0);
  });

  test('the same fraction lands at the same place in the text after a reflow', () => {
    const larger: ArticleGeometry = { ...page, articleHeight: 4500 };
    const progress = progressAt(1300, page);
    expect(progressAt(scrollYFor(progress, larger), larger)).toBeCloseTo(progress, 3);
  });
});

describe('throttle', () => {
  afterEach(() => vi.useRealTimers());

  test('runs the first call at once, then at most once per interval with the latest arguments', () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const save = throttle((value: number) => calls.push(value), 800);
    save(0.1);
    save(0.2);
    save(0.3);
    expect(calls).toEqual([0.1]);
    vi.advanceTimersByTime(799);
    expect(calls).toEqual([0.1]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([0.1, 0.3]);
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual([0.1, 0.3]);
  });

  test('flush runs a pending call now (leaving the page); cancel drops it', () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const save = throttle((value: number) => calls.push(value), 800);
    save(1);
    save(2);
    save.flush();
    expect(calls).toEqual([1, 2]);
    save.flush();
    expect(calls).toEqual([1, 2]);
    save(3);
    save.cancel();
    vi.advanceTimersByTime(2000);
    expect(calls).toEqual([1, 2]);
  });
});

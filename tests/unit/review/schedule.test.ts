import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS, type Highlight, type ReviewCard, type ReviewRating } from '@/utils/model';
import { answer, DAY_MS, dueQueue, newCard } from '@/utils/review';
import { makeHighlight } from '../../support/articles';

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);

/** Answers a card with each rating in turn, each time at the moment it falls due. */
function run(ratings: readonly ReviewRating[], start = T0) {
  let card: ReviewCard = newCard('h1', 'a1', start);
  const steps: ReviewCard[] = [];
  for (const rating of ratings) {
    card = answer(card, rating, Math.max(card.due, start)).card;
    steps.push(card);
  }
  return steps;
}

describe('FSRS schedule under a fixed clock', () => {
  it('gives the same schedule for the same answers at the same times', () => {
    const ratings: ReviewRating[] = [3, 3, 1, 3, 4, 2, 3, 3];
    expect(run(ratings)).toEqual(run(ratings));
  });

  it('differs when the clock differs (the clock is an input, not read)', () => {
    const ratings: ReviewRating[] = [3, 3, 3, 3];
    expect(run(ratings, T0)[3]!.due).not.toBe(run(ratings, T0 + DAY_MS)[3]!.due);
  });

  it('orders the first intervals Again < Hard < Good < Easy, and Good grows on repeated success', () => {
    const card = newCard('h1', 'a1', T0);
    const dues = ([1, 2, 3, 4] as const).map((r) => answer(card, r, T0).card.due);
    expect(dues[0]).toBeLessThan(dues[1]!);
    expect(dues[1]).toBeLessThan(dues[2]!);
    expect(dues[2]).toBeLessThan(dues[3]!);
    const goods = run([3, 3, 3, 3, 3]).map((c) => c.scheduledDays);
    for (let i = 2; i < goods.length; i++) expect(goods[i]).toBeGreaterThan(goods[i - 1]!);
  });

  it('writes a log line per answer with the state before it and the due date it set', () => {
    const card = newCard('h1', 'a1', T0);
    const { card: next, log } = answer(card, 3, T0);
    expect(log).toMatchObject({ highlightId: 'h1', articleId: 'a1', rating: 3, state: 0, reviewedAt: T0 });
    expect(log.due).toBe(next.due);
    expect(next.reps).toBe(1);
    expect(next.lastReview).toBe(T0);
  });

  it('an article weighted "more" comes back sooner, "less" later', () => {
    const reviewed = run([3, 3, 3]).at(-1)!;
    const at = reviewed.due;
    const normal = answer(reviewed, 3, at, 'normal').card;
    const more = answer(reviewed, 3, at, 'more').card;
    const less = answer(reviewed, 3, at, 'less').card;
    expect(more.due).toBeLessThan(normal.due);
    expect(less.due).toBeGreaterThan(normal.due);
  });
});

describe('the day queue', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
  const h = (id: string, exact: string, overrides: Partial<Highlight> = {}) =>
    makeHighlight('a1', {
      id,
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      ...overrides,
    });

  it('skips very short and very long highlights by default, and keeps them when the settings say so', () => {
    const list = [h('short', 'two words'), h('ok', words(10)), h('long', words(81)), h('edge', words(80))];
    const ids = (settings = DEFAULT_REVIEW_SETTINGS) =>
      dueQueue(list, new Map(), settings, T0, 0).map((item) => item.highlight.id);
    // Same creation time: ordered by id.
    expect(ids()).toEqual(['edge', 'ok']);
    expect(ids({ ...DEFAULT_REVIEW_SETTINGS, minWords: 0, maxWords: 0 })).toEqual([
      'edge',
      'long',
      'ok',
      'short',
    ]);
    expect(ids({ ...DEFAULT_REVIEW_SETTINGS, minWords: 2 })).toEqual(['edge', 'ok', 'short']);
  });

  it('leaves excluded articles out and puts "more" articles first', () => {
    const list = [
      h('a', words(5), { createdAt: 1 }),
      h('b', words(5), { articleId: 'a2', createdAt: 2 }),
      h('c', words(5), { articleId: 'a3', createdAt: 3 }),
    ];
    const settings = {
      ...DEFAULT_REVIEW_SETTINGS,
      articles: { a2: 'excluded' as const, a3: 'more' as const },
    };
    expect(dueQueue(list, new Map(), settings, T0, 0).map((i) => i.highlight.id)).toEqual(['c', 'a']);
  });

  it('shows cards due before new ones, holds back cards not yet due, and caps new cards per day', () => {
    const list = Array.from({ length: 30 }, (_, i) =>
      h(`n${String(i).padStart(2, '0')}`, words(5), { createdAt: i }),
    );
    const dueCard = { ...newCard('n29', 'a1', T0), due: T0 - 1000, state: 2 as const, reps: 3 };
    const laterCard = { ...newCard('n28', 'a1', T0), due: T0 + DAY_MS, state: 2 as const, reps: 3 };
    const cards = new Map([
      ['n29', dueCard],
      ['n28', laterCard],
    ]);
    const queue = dueQueue(list, cards, DEFAULT_REVIEW_SETTINGS, T0, 5);
    expect(queue[0]!.highlight.id).toBe('n29');
    expect(queue[0]!.isNew).toBe(false);
    expect(queue.map((i) => i.highlight.id)).not.toContain('n28');
    // 20 new a day, 5 already seen in the last 24 hours.
    expect(queue.filter((i) => i.isNew)).toHaveLength(15);
    expect(queue.slice(1, 4).map((i) => i.highlight.id)).toEqual(['n00', 'n01', 'n02']);
    expect(dueQueue(list, cards, DEFAULT_REVIEW_SETTINGS, T0, 5)).toEqual(queue);
  });
});

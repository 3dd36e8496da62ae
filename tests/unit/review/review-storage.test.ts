// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { createBackup, parseBackup } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import { answerReview, importBackup, loadReviewQueue, makeBackup, previewBackup } from '@/utils/services';
import { deleteArticle, deleteHighlight, openDb, type ReadmarkDb } from '@/utils/storage';
import { generateLibrary } from '../../fixtures/export/generate-library';

const sanitise = createSanitiser(window);
const T0 = Date.UTC(2026, 11, 6, 9);
const DAY = 24 * 60 * 60 * 1000;

/** A library whose highlights are all long enough to review, with some answered over a few days. */
async function reviewedLibrary() {
  const db = openDb(`t-${crypto.randomUUID()}`);
  const lib = generateLibrary({ articles: 6, highlights: 24, bodyMin: 80, bodyMax: 200, seed: 7 });
  await db.articles.bulkPut(lib.articles.map((a) => a.meta));
  await db.contents.bulkPut(lib.articles.map((a) => a.content));
  await db.highlights.bulkPut(
    lib.highlights.map((h) => ({ ...h, quote: { ...h.quote, exact: 'four words to review' } })),
  );
  for (let day = 0; day < 3; day++) {
    const now = T0 + day * DAY;
    const queue = await loadReviewQueue(db, now);
    for (const [i, item] of queue.slice(0, 10).entries()) {
      const answered = await answerReview(db, item, ((i % 4) + 1) as 1 | 2 | 3 | 4, now + i);
      if (!answered.ok) throw new Error(JSON.stringify(answered.error));
    }
  }
  return db;
}

const review = async (db: ReadmarkDb) => ({
  cards: await db.reviewCards.orderBy('highlightId').toArray(),
  log: await db.reviewLog.toArray(),
});

describe('review records in storage and backups', () => {
  test('the day queue is the same at the same clock', async () => {
    const db = await reviewedLibrary();
    const at = T0 + 5 * DAY;
    expect(await loadReviewQueue(db, at)).toEqual(await loadReviewQueue(db, at));
  });

  test('the review schedules and log survive backup and restore into an empty library', async () => {
    const db = await reviewedLibrary();
    const before = await review(db);
    expect(before.log.length).toBeGreaterThanOrEqual(20);
    const backup = await makeBackup(db, { now: new Date(T0) });
    if (!backup.ok) throw new Error(JSON.stringify(backup.error));
    const text = await backup.value.file.text();
    expect(text).toContain('"reviewLog":[');

    const restored = openDb(`t-${crypto.randomUUID()}`);
    const preview = await previewBackup(restored, backup.value.file);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value).toMatchObject({
      reviewCards: before.cards.length,
      reviewLog: before.log.length,
      rejected: [],
    });
    const imported = await importBackup(restored, preview.value, 'skip', sanitise);
    expect(imported).toMatchObject({
      ok: true,
      value: { reviewCards: before.cards.length, reviewLog: before.log.length },
    });
    expect(await review(restored)).toEqual(before);
    // The restored schedule gives the same queue as the original.
    expect(await loadReviewQueue(restored, T0 + 4 * DAY)).toEqual(await loadReviewQueue(db, T0 + 4 * DAY));
  });

  test('a copy kept beside the original brings its review records under its new highlight ids', async () => {
    const db = await reviewedLibrary();
    const before = await review(db);
    const backup = await makeBackup(db);
    if (!backup.ok) throw new Error(JSON.stringify(backup.error));
    const preview = await previewBackup(db, backup.value.file);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    await importBackup(db, preview.value, 'keep-both', sanitise);
    const after = await review(db);
    expect(after.cards).toHaveLength(before.cards.length * 2);
    expect(after.log).toHaveLength(before.log.length * 2);
    const highlightIds = new Set((await db.highlights.toArray()).map((h) => h.id));
    for (const card of after.cards) expect(highlightIds.has(card.highlightId)).toBe(true);
  });

  test('a backup without review lists (written before the review) imports with none, nothing rejected', async () => {
    const lib = generateLibrary({ articles: 2, highlights: 3, bodyMin: 50, bodyMax: 80, seed: 3 });
    const file = await createBackup({ articles: lib.articles, highlights: lib.highlights, settings: {} });
    if (!file.ok) throw new Error('no file');
    const old = file.value.replace('"reviewCards":[\n\n],\n"reviewLog":[\n\n],\n', '');
    expect(old).not.toContain('review');
    const parsed = await parseBackup(old);
    expect(parsed).toMatchObject({ ok: true, value: { reviewCards: [], reviewLog: [], rejected: [] } });
  });

  test('a review record whose highlight is not in the file is rejected with the reason', async () => {
    const lib = generateLibrary({ articles: 1, highlights: 1, bodyMin: 50, bodyMax: 80, seed: 4 });
    const highlight = lib.highlights[0]!;
    const line = {
      highlightId: 'elsewhere',
      articleId: highlight.articleId,
      rating: 3,
      state: 0,
      reviewedAt: T0,
      due: T0 + DAY,
      stability: 2,
      difficulty: 5,
      scheduledDays: 1,
    } as const;
    const file = await createBackup({
      articles: lib.articles,
      highlights: lib.highlights,
      settings: {},
      reviewLog: [line, { ...line, highlightId: highlight.id }],
    });
    if (!file.ok) throw new Error('no file');
    const parsed = await parseBackup(file.value);
    if (!parsed.ok) throw new Error('refused');
    expect(parsed.value.reviewLog).toEqual([{ ...line, highlightId: highlight.id }]);
    expect(parsed.value.rejected).toEqual([
      { kind: 'review', index: 0, reason: expect.stringContaining('its highlight "elsewhere"') },
    ]);
  });

  test('deleting a highlight deletes its card and log; deleting an article deletes its highlights’ ones', async () => {
    const db = await reviewedLibrary();
    const { cards } = await review(db);
    const first = cards[0]!;
    expect(
      await db.reviewLog
        .where('[highlightId+reviewedAt]')
        .between([first.highlightId, 0], [first.highlightId, Infinity])
        .count(),
    ).toBeGreaterThan(0);
    expect((await deleteHighlight(db, first.highlightId)).ok).toBe(true);
    expect(await db.reviewCards.get(first.highlightId)).toBeUndefined();
    expect((await db.reviewLog.toArray()).some((line) => line.highlightId === first.highlightId)).toBe(false);

    const other = cards.find((card) => card.articleId !== first.articleId)!;
    expect((await deleteArticle(db, other.articleId)).ok).toBe(true);
    expect((await db.reviewCards.toArray()).some((card) => card.articleId === other.articleId)).toBe(false);
    expect((await db.reviewLog.toArray()).some((line) => line.articleId === other.articleId)).toBe(false);
    // The other articles' records stay.
    expect(await db.reviewCards.count()).toBeGreaterThan(0);
  });
});

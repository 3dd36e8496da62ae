import { beforeEach, describe, expect, test } from 'vitest';
import { type ArticleMeta, type ArticleSummary, ok, summarise } from '@/utils/model';
import {
  addTag,
  applyImportPlan,
  applyImportStream,
  deleteArticle,
  deleteMany,
  FIRST_SCREEN_MAX,
  FIRST_SCREEN_MIN,
  type FirstScreen,
  getArticle,
  listFirstRows,
  listSummaries,
  openDb,
  patchFirstScreen,
  type ReadmarkDb,
  readFirstScreen,
  restoreDeleted,
  saveSummarySnapshot,
  setArchived,
  setFavourite,
  setRead,
  shownSummary,
  summarySnapshotBehind,
  updateProgress,
  writeSyncedRecords,
} from '@/utils/storage';
import { saveStory } from './save-story';

// The first screen (the library's first rows in one record) must never show a deleted or
// archived article nor miss a new one: after any write it is an exact prefix of the shelf (the
// unarchived summaries, newest first), or absent (the library then reads the index).

let db: ReadmarkDb;
const identity = (html: string) => html;

const save = (n: number, at = 1_000 + n, title = `Story ${n}`) => saveStory(db, n, { title }, at);

/** The shelf as the table has it: unarchived summaries, newest first. */
async function shelf(): Promise<ArticleSummary[]> {
  return (await listSummaries(db))
    .filter((s) => s.archived === 0)
    .sort((a, b) => b.savedAt - a.savedAt)
    .map(shownSummary);
}

/** The stored first screen is the head of the shelf (all of it when `whole`); returns it. */
async function expectFirstScreenTrue(): Promise<FirstScreen | null> {
  const screen = await readFirstScreen(db);
  const truth = await shelf();
  if (screen) {
    expect(screen.rows).toEqual(truth.slice(0, screen.rows.length));
    if (screen.whole) expect(screen.rows).toHaveLength(truth.length);
    else expect(screen.rows.length).toBeGreaterThanOrEqual(FIRST_SCREEN_MIN);
  }
  // With or without the record, the library's first rows are the head of the shelf.
  const first = await listFirstRows(db);
  expect(first).toEqual(truth.slice(0, first.length));
  expect(first.length).toBe(Math.min(truth.length, screen?.rows.length ?? FIRST_SCREEN_MIN));
  return screen;
}

beforeEach(() => {
  db = openDb(`first-screen-${crypto.randomUUID()}`);
});

describe('first screen', () => {
  test('a new library starts with one, empty and whole, and every save, edit and delete keeps it exact', async () => {
    expect(await readFirstScreen(db)).toEqual({ rows: [], whole: true });
    const [a, b, c] = [await save(1), await save(2), await save(3)];
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([c.id, b.id, a.id]);
    await save(2, 1_002, 'Story 2, saved again');
    await addTag(db, [a.id], 'harbour');
    await setFavourite(db, [c.id], true);
    await setRead(db, [b.id], true);
    await updateProgress(db, a.id, 0.5);
    expect((await expectFirstScreenTrue())?.rows[1]?.title).toBe('Story 2, saved again');
    await setArchived(db, [c.id], true);
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([b.id, a.id]);
    await setArchived(db, [c.id], false);
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([c.id, b.id, a.id]);
    expect((await deleteArticle(db, b.id)).ok).toBe(true);
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([c.id, a.id]);
    const deleted = await deleteMany(db, [a.id, c.id]);
    if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
    expect((await expectFirstScreenTrue())?.rows).toEqual([]);
    expect((await restoreDeleted(db, deleted.value)).ok).toBe(true);
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([c.id, a.id]);
  });

  test('past its size it keeps the newest; a new article enters above, an old one below stays out', async () => {
    for (let n = 1; n <= FIRST_SCREEN_MAX + 10; n++) await save(n);
    const screen = await expectFirstScreenTrue();
    expect(screen?.rows).toHaveLength(FIRST_SCREEN_MAX);
    expect(screen?.whole).toBe(false);
    // Saved "long ago" (an import keeps its savedAt): below the last row, not in the screen.
    const old = await save(500, 5);
    expect((await expectFirstScreenTrue())?.rows.some((s) => s.id === old.id)).toBe(false);
    const fresh = await save(501, 9_999);
    expect((await expectFirstScreenTrue())?.rows[0]?.id).toBe(fresh.id);
  });

  test('archiving its rows away shortens it, then drops it; the index answers until the next snapshot', async () => {
    for (let n = 1; n <= FIRST_SCREEN_MAX + 20; n++) await save(n);
    const rows = (await readFirstScreen(db))!.rows;
    await setArchived(
      db,
      rows.slice(0, FIRST_SCREEN_MAX - FIRST_SCREEN_MIN).map((s) => s.id),
      true,
    );
    expect((await expectFirstScreenTrue())?.rows).toHaveLength(FIRST_SCREEN_MIN);
    await setArchived(db, [rows.at(-1)!.id], true);
    expect(await expectFirstScreenTrue()).toBeNull();
    expect(await summarySnapshotBehind(db)).toBe('missing');
    await saveSummarySnapshot(db);
    const taken = await expectFirstScreenTrue();
    expect(taken?.rows).toHaveLength(FIRST_SCREEN_MAX + 20 - (FIRST_SCREEN_MAX - FIRST_SCREEN_MIN) - 1);
    expect(taken?.whole).toBe(true);
  });

  test('imports, restores and sync writes keep it exact; clearing the articles drops it', async () => {
    const [a, b] = [await save(1), await save(2)];
    const stored = (await getArticle(db, a.id))!;
    const imported: ArticleMeta = {
      ...stored.meta,
      id: 'imported-1',
      url: 'https://other.example/x',
      canonicalUrl: 'https://other.example/x',
      title: 'Imported',
      savedAt: 5_000,
    };
    const plan = {
      deleteArticleIds: [b.id],
      putArticles: [imported],
      putContents: [{ ...stored.content, articleId: imported.id }],
      putHighlights: [],
    };
    expect((await applyImportPlan(db, plan, { sanitise: identity })).ok).toBe(true);
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([imported.id, a.id]);
    // A restore streams its batches into one transaction.
    const restored = {
      ...stored.meta,
      id: 'restored-1',
      canonicalUrl: 'https://r.example/1',
      savedAt: 6_000,
    };
    let batches = [{ ...plan, deleteArticleIds: [imported.id], putArticles: [restored], putContents: [] }];
    const next = async () => ok(batches.shift() ?? null);
    expect((await applyImportStream(db, next, { sanitise: identity, total: 2 })).ok).toBe(true);
    const restoredId = (await db.articles.where('canonicalUrl').equals(restored.canonicalUrl).first())!.id;
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([restoredId, a.id]);
    // A cancelled restore changes nothing.
    batches = [{ ...plan, deleteArticleIds: [a.id], putArticles: [], putContents: [] }];
    const stop = new AbortController();
    stop.abort();
    const cancelled = await applyImportStream(db, next, {
      sanitise: identity,
      total: 1,
      signal: stop.signal,
    });
    expect(cancelled.ok).toBe(false);
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([restoredId, a.id]);
    // Sync applies remote records: a new article, an archived one, a deleted one.
    const remote = {
      ...stored.meta,
      id: 'remote-1',
      canonicalUrl: 'https://remote.example/1',
      savedAt: 7_000,
    };
    await writeSyncedRecords(db, {
      articles: [remote, { ...(await db.articles.get(restoredId))!, archived: 1 }],
      deleteArticles: [a.id],
    });
    expect((await expectFirstScreenTrue())?.rows.map((s) => s.id)).toEqual([remote.id]);
    await db.articles.clear();
    expect(await readFirstScreen(db)).toBeNull();
    expect(await listFirstRows(db)).toEqual([]);
  });

  test('a write that fails changes nothing', async () => {
    await save(1);
    const before = await readFirstScreen(db);
    const [first] = await db.articles.toArray();
    await expect(db.articles.put({ ...first!, id: 'dupe' })).rejects.toThrow();
    expect(await readFirstScreen(db)).toEqual(before);
  });

  test('a library opened before it existed gets it from the next snapshot, taken from the same read', async () => {
    await save(1);
    await save(2);
    // As in a database upgraded from before the first screen: no record.
    await db.summaries.delete(2 as unknown as string);
    expect(await readFirstScreen(db)).toBeNull();
    await save(3);
    expect(await readFirstScreen(db)).toBeNull();
    expect((await listFirstRows(db)).map((s) => s.title)).toEqual(['Story 3', 'Story 2', 'Story 1']);
    await saveSummarySnapshot(db);
    expect((await expectFirstScreenTrue())?.whole).toBe(true);
  });

  test('random saves, edits and deletes: after each, an exact prefix of the shelf', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ids: string[] = [];
    await saveSummarySnapshot(db);
    let checked = 0;
    for (let step = 0; step < 150; step++) {
      const pick = () => ids[Math.floor(random() * ids.length)]!;
      const roll = random();
      if (roll < 0.5 || ids.length < 5) {
        // Times often tied and often older than the screen's last row, as imports write them.
        ids.push((await save(step, Math.floor(random() * 200))).id);
      } else if (roll < 0.7) await setArchived(db, [pick(), pick()], random() < 0.6);
      else if (roll < 0.8) await addTag(db, [pick()], 'harbour');
      else if (roll < 0.9) {
        const gone = pick();
        expect((await deleteArticle(db, gone)).ok).toBe(true);
        ids.splice(ids.indexOf(gone), 1);
      } else await saveSummarySnapshot(db);
      const screen = await readFirstScreen(db);
      const truth = await shelf();
      if (!screen) continue;
      checked++;
      // Equal times may be ordered either way: compare the times in order, then the set of ids.
      expect(screen.rows.map((s) => s.savedAt)).toEqual(
        truth.slice(0, screen.rows.length).map((s) => s.savedAt),
      );
      const boundary = screen.rows.at(-1)?.savedAt ?? Number.NEGATIVE_INFINITY;
      const above = truth.filter((s) => s.savedAt > boundary).map((s) => s.id);
      const shown = new Set(screen.rows.map((s) => s.id));
      for (const id of above) expect(shown.has(id)).toBe(true);
      for (const row of screen.rows)
        expect(row).toEqual(shownSummary(summarise((await db.articles.get(row.id))!)));
      if (screen.whole) expect(screen.rows).toHaveLength(truth.length);
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('patchFirstScreen', () => {
  const summary = (id: string, savedAt: number, archived: 0 | 1 = 0) =>
    ({ id, savedAt, archived }) as ArticleSummary;
  const full = (n: number) => Array.from({ length: n }, (_, i) => summary(`s${i}`, 1_000 - i));

  test('an article entering at the last row’s time stays out: unknown articles may share that time', () => {
    const screen = { rows: full(FIRST_SCREEN_MIN + 1), whole: false };
    const last = screen.rows.at(-1)!;
    const patched = patchFirstScreen(screen, [summary('tie', last.savedAt)], []);
    expect(patched?.rows.map((s) => s.id)).not.toContain('tie');
    const whole = patchFirstScreen({ ...screen, whole: true }, [summary('tie', last.savedAt)], []);
    expect(whole?.rows.map((s) => s.id)).toContain('tie');
  });

  test('a change to an article neither in it nor entering it leaves it as it is (nothing rewritten)', () => {
    const screen = { rows: full(FIRST_SCREEN_MIN + 1), whole: false };
    expect(patchFirstScreen(screen, [summary('old', 1)], ['gone'])).toBe(screen);
    expect(patchFirstScreen(screen, [summary('s3', 997, 1)], [])).not.toBe(screen);
  });

  test('a whole screen grown past its size keeps the newest and is whole no more', () => {
    const patched = patchFirstScreen(
      { rows: full(FIRST_SCREEN_MAX), whole: true },
      [summary('new', 5_000)],
      [],
    );
    expect(patched?.rows).toHaveLength(FIRST_SCREEN_MAX);
    expect(patched?.rows[0]?.id).toBe('new');
    expect(patched?.whole).toBe(false);
  });
});

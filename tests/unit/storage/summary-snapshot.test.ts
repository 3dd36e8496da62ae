import { beforeEach, describe, expect, test } from 'vitest';
import type { ArticleSummary } from '@/utils/model';
import {
  addTag,
  applySummaryChanges,
  deleteArticle,
  deleteMany,
  listNewestSummaries,
  listSummaries,
  openDb,
  type ReadmarkDb,
  readSummaryChanges,
  readSummarySnapshot,
  restoreDeleted,
  saveSummarySnapshot,
  setArchived,
  summarySnapshotBehind,
  updateProgress,
} from '@/utils/storage';
import { saveStory } from './save-story';

// The summary snapshot (the library's whole list in one record) must never show a library other
// than the stored one: after any write, the snapshot patched from the change log equals the table.

let db: ReadmarkDb;

const save = (n: number, title = `Story ${n}`) => saveStory(db, n, { title });

const byId = (list: readonly ArticleSummary[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** The snapshot, patched, is the summaries table exactly. */
async function expectSnapshotTrue() {
  const snapshot = await readSummarySnapshot(db);
  expect(snapshot).not.toBeNull();
  expect(byId(snapshot!.summaries)).toEqual(byId(await listSummaries(db)));
  return snapshot!;
}

beforeEach(() => {
  db = openDb(`snapshot-${crypto.randomUUID()}`);
});

describe('summary snapshot', () => {
  test('none before one is taken: the table is read instead', async () => {
    await save(1);
    expect(await readSummarySnapshot(db)).toBeNull();
    expect(await summarySnapshotBehind(db)).toBe('missing');
  });

  test('taken, it is the list; its bookkeeping never shows among the summaries', async () => {
    const [a, b] = [await save(1), await save(2)];
    await saveSummarySnapshot(db);
    expect(await summarySnapshotBehind(db)).toBe(false);
    const snapshot = await expectSnapshotTrue();
    expect(snapshot.summaries.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect((await listSummaries(db)).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect((await listNewestSummaries(db, 10)).map((s) => s.id)).toEqual([b.id, a.id]);
  });

  test('stored newest saved first, the library’s default order, whatever order the table has', async () => {
    // Saved out of time order: ids (the table's order) and save times disagree.
    for (const [n, at] of [
      [1, 5_000],
      [2, 1_000],
      [3, 9_000],
      [4, 3_000],
    ] as const)
      await saveStory(db, n, {}, at);
    await saveSummarySnapshot(db);
    expect((await readSummarySnapshot(db))!.summaries.map((s) => s.savedAt)).toEqual([
      9_000, 5_000, 3_000, 1_000,
    ]);
  });

  test('saves, edits, deletes and undo after it are patched in from the change log', async () => {
    const [a, b, c] = [await save(1), await save(2), await save(3)];
    await saveSummarySnapshot(db);
    await save(4);
    await expectSnapshotTrue();
    await save(2, 'Story 2, saved again');
    await addTag(db, [a.id, c.id], 'harbour');
    await setArchived(db, [b.id], true);
    await updateProgress(db, c.id, 0.4);
    await expectSnapshotTrue();
    expect(await summarySnapshotBehind(db)).toBe(true);
    expect((await deleteArticle(db, a.id)).ok).toBe(true);
    await expectSnapshotTrue();
    const deleted = await deleteMany(db, [b.id, c.id]);
    if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
    expect((await expectSnapshotTrue()).summaries.map((s) => s.title)).toEqual(['Story 4']);
    expect((await restoreDeleted(db, deleted.value)).ok).toBe(true);
    await expectSnapshotTrue();
    // Taken again, nothing is left to patch.
    await saveSummarySnapshot(db);
    expect(await summarySnapshotBehind(db)).toBe(false);
    await expectSnapshotTrue();
  });

  test('a list kept current from readSummaryChanges stays equal to the table', async () => {
    await save(1);
    await saveSummarySnapshot(db);
    let { summaries, seq } = (await readSummarySnapshot(db))!;
    const b = await save(2);
    await setArchived(db, [b.id], true);
    const changes = await readSummaryChanges(db, seq);
    expect(changes!.put.map((s) => s.id)).toEqual([b.id]);
    summaries = applySummaryChanges(summaries, changes!);
    seq = changes!.seq;
    expect(byId(summaries)).toEqual(byId(await listSummaries(db)));
    expect((await deleteArticle(db, b.id)).ok).toBe(true);
    const gone = await readSummaryChanges(db, seq);
    expect(gone).toMatchObject({ put: [], removed: [b.id] });
    expect(byId(applySummaryChanges(summaries, gone!))).toEqual(byId(await listSummaries(db)));
    // Nothing changed since: nothing to apply.
    expect(await readSummaryChanges(db, gone!.seq)).toMatchObject({ seq: gone!.seq, put: [], removed: [] });
  });

  test('clearing the articles (a range delete) makes the snapshot unusable, not wrong', async () => {
    await save(1);
    await saveSummarySnapshot(db);
    await db.articles.clear();
    expect(await readSummarySnapshot(db)).toBeNull();
    expect(await listSummaries(db)).toEqual([]);
    await save(2);
    await saveSummarySnapshot(db);
    await expectSnapshotTrue();
  });

  test('past a thousand changes the log starts over and the snapshot is read from the table again', async () => {
    await save(1);
    await saveSummarySnapshot(db);
    const { seq } = (await readSummarySnapshot(db))!;
    const [first] = await db.articles.toArray();
    await db.articles.bulkPut(
      Array.from({ length: 1_001 }, (_, i) => ({
        ...first!,
        id: `bulk-${i}`,
        canonicalUrl: `https://bulk.example/${i}`,
      })),
    );
    expect(await readSummarySnapshot(db)).toBeNull();
    expect(await summarySnapshotBehind(db)).toBe('missing');
    expect(await readSummaryChanges(db, seq)).toBeNull();
    expect(await listSummaries(db)).toHaveLength(1_002);
  });

  test('a write that fails logs nothing: the snapshot still equals the table', async () => {
    const a = await save(1);
    await saveSummarySnapshot(db);
    const [first] = await db.articles.toArray();
    // A second article under the same canonical URL breaks the unique index: the write aborts.
    await expect(db.articles.put({ ...first!, id: 'dupe' })).rejects.toThrow();
    expect(await summarySnapshotBehind(db)).toBe(false);
    expect((await expectSnapshotTrue()).summaries.map((s) => s.id)).toEqual([a.id]);
  });
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ArticleSummary } from '@/utils/model';
import { setUpLibrarySnapshot } from '@/utils/services';
import {
  listSummaries,
  openDb,
  type ReadmarkDb,
  readFirstScreen,
  readSummarySnapshot,
  setArchived,
  summarySnapshotBehind,
} from '@/utils/storage';
import { saveStory } from '../storage/save-story';

// The background keeps the library's snapshot fresh: after an import (a burst of writes with no
// library open), the next library open finds the whole list, patched to the table, in one record.

let db: ReadmarkDb;
let stop: (() => void) | null = null;

async function saveMany(from: number, count: number) {
  for (let n = from; n < from + count; n++) await saveStory(db, n);
}

const byId = (list: readonly ArticleSummary[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilFresh() {
  for (let waited = 0; (await summarySnapshotBehind(db)) !== false; waited += 50) {
    if (waited > 5_000) throw new Error('the snapshot was never taken');
    await settle(50);
  }
}

beforeEach(() => {
  db = openDb(`library-snapshot-${crypto.randomUUID()}`);
});
afterEach(() => stop?.());

describe('setUpLibrarySnapshot', () => {
  test('takes a missing snapshot once the library is quiet, and a new one after many changes', async () => {
    await saveMany(0, 5);
    expect(await summarySnapshotBehind(db)).toBe('missing');
    stop = setUpLibrarySnapshot(db, 100);
    await untilFresh();
    expect(byId((await readSummarySnapshot(db))!.summaries)).toEqual(byId(await listSummaries(db)));
    expect((await readFirstScreen(db))?.rows).toHaveLength(5);
    // A few changes are left for the library to patch in.
    await saveMany(5, 3);
    await settle(300);
    expect(await summarySnapshotBehind(db)).toBe(true);
    // An import-sized burst is taken into a new snapshot.
    await saveMany(8, 100);
    await setArchived(db, [(await listSummaries(db))[0]!.id], true);
    await untilFresh();
    expect(byId((await readSummarySnapshot(db))!.summaries)).toEqual(byId(await listSummaries(db)));
    expect(await listSummaries(db)).toHaveLength(108);
  });

  test('stopped, it takes none', async () => {
    await saveMany(0, 2);
    setUpLibrarySnapshot(db, 100)();
    await settle(400);
    expect(await summarySnapshotBehind(db)).toBe('missing');
  });
});

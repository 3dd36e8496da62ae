import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ArticleSummary } from '@/utils/model';
import { importBackup, makeBackup, previewBackup, setUpLibrarySnapshot } from '@/utils/services';
import {
  listSummaries,
  openDb,
  type ReadmarkDb,
  readFirstScreen,
  readSummarySnapshot,
  saveSummarySnapshot,
  setArchived,
  summarySnapshotBehind,
} from '@/utils/storage';
import { generateLibrary } from '../../fixtures/export/generate-library';
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

describe('an import or a restore', () => {
  /** Restores a backup of `articles` generated articles (seed: which ones) into `db`. */
  async function restore(articles: number, seed: number) {
    const source = openDb(`library-snapshot-source-${crypto.randomUUID()}`);
    const lib = generateLibrary({ articles, highlights: 0, bodyMin: 20, bodyMax: 40, seed });
    await source.articles.bulkPut(lib.articles.map((a) => a.meta));
    await source.contents.bulkPut(lib.articles.map((a) => a.content));
    const backup = await makeBackup(source);
    source.close();
    if (!backup.ok) throw new Error(JSON.stringify(backup.error));
    const preview = await previewBackup(db, backup.value.file);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect((await importBackup(db, preview.value, 'skip', (html) => html)).ok).toBe(true);
  }

  // With no background running (as when its service worker is stopped), the restore itself
  // leaves the library a snapshot of what it wrote.
  test('takes the snapshot the library’s next open reads, when it changed more than a few articles', async () => {
    await restore(150, 7);
    expect(await summarySnapshotBehind(db)).toBe(false);
    const snapshot = (await readSummarySnapshot(db))!.summaries;
    expect(snapshot).toHaveLength(150);
    expect(byId(snapshot)).toEqual(byId(await listSummaries(db)));
  });

  test('leaves a few new articles for the library to patch in', async () => {
    await saveMany(0, 3);
    await saveSummarySnapshot(db);
    await restore(4, 8);
    expect(await summarySnapshotBehind(db)).toBe(true);
    expect(byId((await readSummarySnapshot(db))!.summaries)).toEqual(byId(await listSummaries(db)));
  });
});

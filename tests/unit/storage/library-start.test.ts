import { describe, expect, test } from 'vitest';
import {
  deleteArticle,
  openDb,
  parseSnapshot,
  readFirstScreen,
  readLibraryStart,
  readSummarySnapshot,
  saveSummarySnapshot,
} from '@/utils/storage';
import { saveStory } from './save-story';

// The library's first script reads the first screen and the summary snapshot with IndexedDB
// itself, before Dexie has loaded. It must never create or upgrade the database, and what it
// reads must be what Dexie's read gives.

const newName = () => `start-${crypto.randomUUID()}`;

/** The database's version, or null when there is none (opened raw and aborted if absent). */
function versionOf(name: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => open.transaction!.abort();
    open.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    open.onsuccess = () => {
      open.result.close();
      resolve(open.result.version);
    };
    open.onblocked = () => reject(new Error('blocked'));
  });
}

/** A database of an older schema (version 5 as Dexie stores it: 50), with a summaries store. */
function createOlder(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 50);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('summaries', { keyPath: 'id' }).put({ id: 2, format: 1, rows: [] });
    };
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  });
}

describe('the library’s early read', () => {
  test('no database: nothing is read and none is created; Dexie then creates it as always', async () => {
    const name = newName();
    expect(await readLibraryStart(indexedDB, name)).toBeNull();
    expect(await versionOf(name)).toBeNull();
    const db = openDb(name);
    await saveStory(db, 1);
    expect((await readFirstScreen(db))?.rows).toHaveLength(1);
    db.close();
  });

  test('a database of another schema version is neither read nor upgraded', async () => {
    const name = newName();
    await createOlder(name);
    expect(await readLibraryStart(indexedDB, name)).toBeNull();
    expect(await versionOf(name)).toBe(50);
  });

  test('its schema version is the one Dexie opens', async () => {
    const name = newName();
    const db = openDb(name);
    await db.open();
    db.close();
    // The early read answers (not null) only at the version it was written for.
    expect(await readLibraryStart(indexedDB, name)).not.toBeNull();
  });

  test('a database without a snapshot gives the first screen and no snapshot', async () => {
    const name = newName();
    const db = openDb(name);
    await saveStory(db, 1);
    await saveStory(db, 2);
    const start = await readLibraryStart(indexedDB, name);
    expect(await start!.snapshot).toBeNull();
    const firstScreen = await start!.firstScreen;
    expect(firstScreen).toEqual(await readFirstScreen(db));
    expect(firstScreen!.rows.map((s) => s.title)).toEqual(['Story 2', 'Story 1']);
    db.close();
  });

  test('the snapshot, patched from the change log, is what Dexie’s read gives', async () => {
    const name = newName();
    const db = openDb(name);
    const [first, second] = [await saveStory(db, 1), await saveStory(db, 2)];
    await saveSummarySnapshot(db);
    // Changed after the snapshot: one new, one saved again, one deleted.
    await saveStory(db, 3);
    await saveStory(db, 2, { title: 'Story 2, saved again' });
    await deleteArticle(db, first.id);
    const start = await readLibraryStart(indexedDB, name);
    const snapshot = await start!.snapshot;
    expect(snapshot).not.toBeNull();
    const early = parseSnapshot(snapshot!);
    const dexie = await readSummarySnapshot(db);
    expect(early).toEqual(dexie);
    expect(early.summaries.map((s) => s.title).sort()).toEqual(['Story 2, saved again', 'Story 3']);
    expect(snapshot!.changes.removed).toEqual([first.id]);
    expect(early.summaries.find((s) => s.id === second.id)?.title).toBe('Story 2, saved again');
    db.close();
  });

  test('it does not hold back an upgrade that starts while it reads', async () => {
    const name = newName();
    const db = openDb(name);
    await saveStory(db, 1);
    db.close();
    const reading = readLibraryStart(indexedDB, name).then((start) => start?.snapshot);
    // Opened at a newer version at once: the upgrade waits at most for the read to end.
    const upgraded = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name, 70);
      open.onsuccess = () => {
        open.result.close();
        resolve(open.result.version);
      };
      open.onerror = () => reject(open.error);
    });
    expect(upgraded).toBe(70);
    await reading;
  });
});

import type { ArticleSummary } from '@/utils/model';
import { DB_NAME, INDEXEDDB_VERSION } from './db-version';
import { FIRST_SCREEN_KEY, type FirstScreen, firstScreenFrom } from './first-screen';
import {
  changesFound,
  type SnapshotRead,
  type SnapshotToPatch,
  SUMMARY_LOG_KEY,
  SUMMARY_SNAPSHOT_KEY,
  snapshotToPatch,
} from './summary-snapshot';

/**
 * What the library shows first, read before its modules load: the first screen answers as soon as
 * its small record is read, without waiting for the snapshot's megabytes.
 */
export interface LibraryStart {
  /** The stored first screen (first-screen.ts); null when there is none (or the read failed). */
  firstScreen: Promise<FirstScreen | null>;
  /**
   * The summary snapshot with the changes logged since it was taken; null when there is no usable
   * one. Rejects when the read failed (then read it through Dexie).
   */
  snapshot: Promise<SnapshotRead | null>;
}

const SUMMARIES = 'summaries';

/**
 * Reads the library's first screen and summary snapshot with IndexedDB itself, without Dexie: the
 * library's first script (entrypoints/library-start.ts) runs it while the page's modules load, so
 * the browser's storage process works meanwhile. The three records and the changed summaries are
 * read in one transaction, so the snapshot is the library exactly at the log's sequence, and the
 * library keeps it current from the change log from there (as after readSummarySnapshot).
 * Answers once the database is open and checked; the records follow (see LibraryStart).
 *
 * It must never shape the database, which is Dexie's (db.ts): it opens without a version, aborts
 * when there is no database (IndexedDB would otherwise create an empty one at version 1, and
 * Dexie would then meet a database without its stores), and reads nothing from a database at
 * another version than this code's schema (an upgrade pending, or a newer one). Null in those
 * cases and on any error: the library then reads through Dexie as it always could.
 */
export function readLibraryStart(idb: IDBFactory, name: string = DB_NAME): Promise<LibraryStart | null> {
  return new Promise((resolve) => {
    const open = idb.open(name);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (event) => {
      // Handled: the abort above, or a database that cannot be opened.
      event.preventDefault();
      resolve(null);
    };
    open.onsuccess = () => {
      const db = open.result;
      // Never in the way of Dexie's upgrade (closed below anyway, once the read ends).
      db.onversionchange = () => db.close();
      try {
        if (db.version !== INDEXEDDB_VERSION || !db.objectStoreNames.contains(SUMMARIES))
          return resolve(null);
        resolve(readRecords(db.transaction(SUMMARIES, 'readonly')));
      } catch {
        resolve(null);
      } finally {
        // Closes once the read transaction ends.
        db.close();
      }
    };
  });
}

/** Reads the records in `tx`. */
function readRecords(tx: IDBTransaction): LibraryStart {
  const store = tx.objectStore(SUMMARIES);
  const firstScreen = store.get(FIRST_SCREEN_KEY);
  const snapshot = store.get(SUMMARY_SNAPSHOT_KEY);
  const log = store.get(SUMMARY_LOG_KEY);
  let toPatch: SnapshotToPatch | null = null;
  let changed: IDBRequest[] = [];
  // Requests on one store answer in order: the log's is the last of the three.
  log.onsuccess = () => {
    toPatch = snapshotToPatch(snapshot.result, log.result);
    changed = toPatch?.changedIds.map((id) => store.get(id)) ?? [];
  };
  return {
    firstScreen: new Promise((resolve) => {
      firstScreen.onsuccess = () => resolve(firstScreenFrom(firstScreen.result));
      tx.addEventListener('abort', () => resolve(null));
    }),
    snapshot: new Promise((resolve, reject) => {
      tx.oncomplete = () => {
        const found = changed.map((get) => get.result as ArticleSummary | undefined);
        resolve(
          toPatch && { json: toPatch.json, changes: changesFound(toPatch.seq, toPatch.changedIds, found) },
        );
      };
      tx.addEventListener('abort', () =>
        reject(tx.error ?? new Error('the library’s early read was aborted')),
      );
    }),
  };
}

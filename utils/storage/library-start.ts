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

/** What the library shows first, read before its modules load. */
export interface LibraryStart {
  /** The stored first screen (first-screen.ts); null when there is none. */
  firstScreen: FirstScreen | null;
  /** The summary snapshot with the changes logged since it was taken; null when there is no usable one. */
  snapshot: SnapshotRead | null;
}

const SUMMARIES = 'summaries';

/**
 * Reads the library's first screen and summary snapshot with IndexedDB itself, without Dexie: the
 * library's first script (entrypoints/library-start.ts) runs it while the page's modules load, so
 * the browser's storage process works meanwhile. The three records and the changed summaries are
 * read in one transaction, so the result is the library exactly at the log's sequence, and the
 * library keeps it current from the change log from there (as after readSummarySnapshot).
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
        readRecords(db.transaction(SUMMARIES, 'readonly'), resolve);
      } catch {
        resolve(null);
      } finally {
        // Closes once the read transaction ends.
        db.close();
      }
    };
  });
}

/** Reads the records in `tx`, then calls `done` with them (null if the transaction fails). */
function readRecords(tx: IDBTransaction, done: (start: LibraryStart | null) => void): void {
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
  tx.oncomplete = () => {
    const found = changed.map((get) => get.result as ArticleSummary | undefined);
    done({
      firstScreen: firstScreenFrom(firstScreen.result),
      snapshot: toPatch && {
        json: toPatch.json,
        changes: changesFound(toPatch.seq, toPatch.changedIds, found),
      },
    });
  };
  tx.onabort = () => done(null);
}

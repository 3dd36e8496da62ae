/**
 * The sync status the service persists after each run (sync-service.ts) and the pages show: read
 * without the engine, so a page that only shows it (the popup) does not load the sync engine,
 * its WebDAV client and its encryption.
 */
import { type AppError, isErrorCode } from '@/utils/model';
import type { ReadmarkDb } from '@/utils/storage';
import type { SyncDevice } from '@/utils/sync';
import type { Kept } from './sync-apply';
import { META } from './sync-records';

export interface SyncStatus {
  lastSuccessAt: number | null;
  lastRunAt: number | null;
  /** Local changes not yet sent (operations, bodies and articles' pictures). */
  pending: number;
  lastError: AppError | null;
  /** A mass change or a clock far ahead waiting for the reader's yes (pass back to runSync as `approve`). */
  approval: string | null;
  /** The reader said stop to a mass change: automatic runs wait for "Sync now". */
  stopped: boolean;
  /** The other devices sharing the folder as of the last successful sync, but the forgotten. */
  devices: SyncDevice[];
  /**
   * Records the last merge kept over a concurrent delete (a delete made on one device while
   * another edited the record): the reader is told. Null when that merge kept none.
   */
  kept: Kept | null;
}

const STATUS = 'status';

const NO_STATUS: SyncStatus = {
  lastSuccessAt: null,
  lastRunAt: null,
  pending: 0,
  lastError: null,
  approval: null,
  stopped: false,
  devices: [],
  kept: null,
};

export async function loadSyncStatus(db: ReadmarkDb): Promise<SyncStatus> {
  const stored = (await db.syncMeta.get(STATUS))?.value as Partial<SyncStatus> | undefined;
  // An error stored under a code this version no longer has shows as none (the next run says anew).
  const lastError = stored?.lastError && isErrorCode(stored.lastError.code) ? stored.lastError : null;
  // A status saved before devices had ids held their names only: listed again after the next run.
  const devices = (stored?.devices ?? []).filter((device) => typeof device === 'object' && device !== null);
  return { ...NO_STATUS, ...stored, lastError, devices, pending: await pendingCount(db) };
}

async function pendingCount(db: ReadmarkDb): Promise<number> {
  const [ops, bodies, pictures] = await Promise.all([
    db.syncOutbox.count(),
    db.syncMeta.where('key').startsWith(META.bodyPrefix).count(),
    db.syncMeta.where('key').startsWith(META.picsPrefix).count(),
  ]);
  return ops + bodies + pictures;
}

export async function saveStatus(db: ReadmarkDb, change: Partial<SyncStatus>): Promise<SyncStatus> {
  const next = { ...(await loadSyncStatus(db)), ...change };
  await db.syncMeta.put({ key: STATUS, value: next });
  return { ...next, pending: await pendingCount(db) };
}

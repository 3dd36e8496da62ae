/**
 * Whether sync is set up, as every context that writes the library needs to know it at once: the
 * change capture widens a write's transaction to the sync stores only when it is (a reader who
 * never set sync up pays nothing: no wider transaction, no read of the sync state per write).
 *
 * Each context (the worker, each extension page) learns it once from the database (sync is set up
 * when its configuration is stored) and then hears every change through a BroadcastChannel: set-up
 * and "turn sync off" announce it. Until the first answer, capture counts as on: a write then
 * finds no sync book and records nothing, so the only cost is a wider transaction.
 *
 * A page that has not heard of a set-up yet (a message in flight) may write one change uncaptured:
 * the first two runs after a set-up compare the whole library with what sync knows (seedOutbox in
 * sync-service.ts), so such a change still travels.
 */
import type { ReadmarkDb } from '@/utils/storage';

/** The syncMeta key of the configuration: present ⇔ sync is set up. */
export const CONFIG_KEY = 'config';

const state = new Map<string, boolean>();
/** Per database name: the first read of the switch (answered once this context knows it). */
const learning = new Map<string, Promise<void>>();

const channelName = (db: ReadmarkDb) => `readmark-sync-switch:${db.name}`;

function channel(db: ReadmarkDb): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const opened = new BroadcastChannel(channelName(db));
  // Node (tests): a channel must not keep the process alive.
  (opened as { unref?: () => void }).unref?.();
  return opened;
}

/** Whether this context captures library writes for sync (unknown yet: yes). */
export function syncIsOn(db: ReadmarkDb): boolean {
  return state.get(db.name) ?? true;
}

/**
 * Learn the switch from the database and follow it (once per database name and context); answers
 * when this context knows it.
 */
export function followSyncSwitch(db: ReadmarkDb): Promise<void> {
  const known = learning.get(db.name);
  if (known) return known;
  const heard = channel(db);
  if (heard) heard.onmessage = (event: MessageEvent) => state.set(db.name, event.data === true);
  const read = db.syncMeta
    .get(CONFIG_KEY)
    .then((row) => {
      // A message heard meanwhile is newer than this read.
      if (!state.has(db.name)) state.set(db.name, row !== undefined);
    })
    .catch(() => undefined);
  learning.set(db.name, read);
  return read;
}

/** Tell every context (this one at once) that sync was set up or turned off. */
export function announceSyncSwitch(db: ReadmarkDb, on: boolean): void {
  state.set(db.name, on);
  const told = channel(db);
  if (!told) return;
  told.postMessage(on);
  told.close();
}

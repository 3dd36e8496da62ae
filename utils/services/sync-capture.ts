/**
 * The change capture every context that writes the library installs (sync-records.ts turns each
 * write into sync operations). Kept apart from the sync service so that installing it does not
 * load the sync engine, its WebDAV client and its encryption: the popup installs it before its
 * preview, and runs no sync.
 */
import { browser } from 'wxt/browser';
import { type ReadmarkDb, setChangeCapture } from '@/utils/storage';
import { SYNC_ALARM_SOON } from './sync-config';
import { captureChange } from './sync-records';
import { followSyncSwitch, syncIsOn } from './sync-switch';

/**
 * Change capture on this page's or worker's database: while sync is set up, every library write
 * is recorded for sync and a run is scheduled shortly after; while it is not, writes are left
 * alone (sync-switch.ts). Every context that writes the library calls this once (the
 * entrypoints); answers the database.
 */
export function installSyncCapture(db: ReadmarkDb): ReadmarkDb {
  void followSyncSwitch(db);
  setChangeCapture(
    db,
    async (write, stores) => {
      await captureChange(write, stores);
      // Not awaited: the transaction may not wait on a browser call.
      browser.alarms?.create(SYNC_ALARM_SOON, { delayInMinutes: 0.5 })?.catch?.(() => undefined);
    },
    () => syncIsOn(db),
  );
  return db;
}

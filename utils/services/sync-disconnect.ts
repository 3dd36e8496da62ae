/**
 * "Turn sync off on this device": the library stays exactly as it is, the server folder is not
 * touched (other devices go on syncing through it), and this device forgets everything sync kept:
 * the configuration (server address, user name, password), the folder's keys, its device id,
 * the replicated state, the outbox and the status. Alarms stop; capture stops in every context.
 *
 * One transaction over the three sync stores, taken alone among runs (withRunLock): a worker
 * killed during it leaves sync fully set up or fully off. Setting sync up again later starts as a
 * new device: the whole library is recorded again and merges with the folder's (same records, so
 * nothing doubles; an article deleted elsewhere meanwhile comes back, since this device never saw
 * the delete: nothing is lost, the reader deletes it again).
 */
import { browser } from 'wxt/browser';
import type { ReadmarkDb } from '@/utils/storage';
import { SYNC_ALARM, SYNC_ALARM_SOON } from './sync-config';
import { withRunLock } from './sync-service';
import { announceSyncSwitch } from './sync-switch';

export async function turnSyncOff(db: ReadmarkDb): Promise<void> {
  await withRunLock(async () => {
    await db.transaction('rw', db.syncMeta, db.syncEntities, db.syncOutbox, async () => {
      await Promise.all([db.syncMeta.clear(), db.syncEntities.clear(), db.syncOutbox.clear()]);
    });
    announceSyncSwitch(db, false);
  });
  await Promise.all([browser.alarms.clear(SYNC_ALARM), browser.alarms.clear(SYNC_ALARM_SOON)]);
}

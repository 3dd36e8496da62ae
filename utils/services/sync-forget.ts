/**
 * "Forget this device" from Settings → Sync (utils/sync/forget.ts says what forgetting does and
 * costs). Under the run lock, so a run under way finishes first and the next run sees it.
 */
import type { ReadmarkDb } from '@/utils/storage';
import { forgetDevice } from '@/utils/sync';
import { loadSyncConfig } from './sync-config';
import { withRunLock } from './sync-service';
import { loadSyncStatus, type SyncStatus, saveStatus } from './sync-status';
import { DexieSyncStore } from './sync-store';

export function forgetSyncDevice(db: ReadmarkDb, deviceId: string): Promise<SyncStatus> {
  return withRunLock(async () => {
    const config = await loadSyncConfig(db);
    if (!config) return loadSyncStatus(db);
    await forgetDevice(new DexieSyncStore(db, config.deviceName), deviceId);
    const { devices } = await loadSyncStatus(db);
    return saveStatus(db, { devices: devices.filter((device) => device.id !== deviceId) });
  });
}

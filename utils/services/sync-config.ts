/**
 * The sync configuration this device keeps (syncMeta, device-local, never in backups, never
 * synced): the server's address and sign-in, this device's name, and whether the folder is
 * encrypted. The passphrase is not kept: after the first run that opens the folder, the engine
 * keeps the folder's keys instead, as non-extractable CryptoKeys (utils/sync/saved-keys.ts).
 *
 * The server password is kept: it is the server's own sign-in, needed by every run. What is kept
 * where, and who can read it: docs/threat-model.md, "Sync secrets on this machine".
 */
import { browser } from 'wxt/browser';
import type { ReadmarkDb } from '@/utils/storage';
import { announceSyncSwitch, CONFIG_KEY } from './sync-switch';

export interface SyncConfig {
  url: string;
  user: string;
  /** The server's sign-in (an app password on Nextcloud): kept, sent only to the server. */
  password: string;
  deviceName: string;
  /** false: the reader chose to sync without encryption. */
  encrypted: boolean;
}

/** As stored by set-ups made before keys were kept: the passphrase in the clear (null: none). */
interface StoredConfig extends Partial<SyncConfig> {
  passphrase?: string | null;
}

/** The alarm that runs sync every few minutes while it is set up. */
export const SYNC_ALARM = 'readmark-sync';
/** The alarm set half a minute after a local change. */
export const SYNC_ALARM_SOON = 'readmark-sync-soon';

async function stored(db: ReadmarkDb): Promise<StoredConfig | null> {
  return ((await db.syncMeta.get(CONFIG_KEY))?.value as StoredConfig | undefined) ?? null;
}

export async function loadSyncConfig(db: ReadmarkDb): Promise<SyncConfig | null> {
  const config = await stored(db);
  if (!config) return null;
  const { passphrase, ...rest } = config;
  // An older set-up says "encrypted" by holding a passphrase.
  const encrypted = rest.encrypted ?? (passphrase !== null && passphrase !== undefined);
  return { url: '', user: '', password: '', deviceName: '', ...rest, encrypted };
}

/**
 * Saves the configuration (set-up, or the reader's edit of it): from now on every context
 * captures library writes for sync, and the periodic run is scheduled.
 */
export async function saveSyncConfig(db: ReadmarkDb, config: SyncConfig): Promise<void> {
  const { url, user, password, deviceName, encrypted } = config;
  await db.syncMeta.put({ key: CONFIG_KEY, value: { url, user, password, deviceName, encrypted } });
  announceSyncSwitch(db, true);
  const alarm = await browser.alarms.get(SYNC_ALARM);
  if (!alarm) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });
}

/** A passphrase an older set-up kept in the clear (undefined: none kept). */
export async function legacyPassphrase(db: ReadmarkDb): Promise<string | undefined> {
  return (await stored(db))?.passphrase ?? undefined;
}

/**
 * Migration of older set-ups: once the folder's keys are kept (or the folder is plain), the
 * passphrase kept in the clear is deleted. In one transaction with a re-read, so a configuration
 * saved meanwhile is not overwritten with an old one.
 */
export async function forgetLegacyPassphrase(db: ReadmarkDb): Promise<void> {
  await db.transaction('rw', db.syncMeta, async () => {
    const config = await stored(db);
    if (!config || !('passphrase' in config)) return;
    const { passphrase, ...rest } = config;
    const encrypted = rest.encrypted ?? (passphrase !== null && passphrase !== undefined);
    await db.syncMeta.put({ key: CONFIG_KEY, value: { ...rest, encrypted } });
  });
}

/**
 * The reader's "Change the passphrase" (Settings → Sync): the engine re-wraps the folder's data
 * key (utils/sync/passphrase.ts: no file is encrypted again, and a worker killed at any step
 * leaves the old passphrase or the new one working). Taken alone among runs; host access is
 * checked as before a run. Neither passphrase is kept.
 */
import { browser } from 'wxt/browser';
import { type AppError, appError, errorFromThrown } from '@/utils/model';
import type { ReadmarkDb } from '@/utils/storage';
import { changePassphrase, WebDavTarget } from '@/utils/sync';
import { loadSyncConfig } from './sync-config';
import { syncHostPattern, withRunLock } from './sync-service';
import { DexieSyncStore } from './sync-store';

/** Answers null when the passphrase was changed, or why it was not (nothing changed then). */
export async function changeSyncPassphrase(
  db: ReadmarkDb,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<AppError | null> {
  const config = await loadSyncConfig(db);
  if (!config) return appError('sync-not-set-up');
  if (!config.encrypted) return appError('sync-not-encrypted');
  const pattern = syncHostPattern(config.url);
  if (!pattern) return appError('sync-bad-url');
  if (!(await browser.permissions.contains({ origins: [pattern] })))
    return appError('sync-no-permission', { origin: new URL(config.url).host });
  let result: Awaited<ReturnType<typeof changePassphrase>>;
  try {
    result = await withRunLock(() =>
      changePassphrase({
        target: new WebDavTarget({ url: config.url, user: config.user, password: config.password }),
        store: new DexieSyncStore(db, config.deviceName),
        oldPassphrase,
        newPassphrase,
      }),
    );
  } catch (thrown) {
    // A bug or a browser refusing something: still shown, never a click that does nothing.
    return errorFromThrown(thrown);
  }
  if (result.status === 'done') return null;
  switch (result.reason) {
    case 'wrong-passphrase':
      return appError('sync-old-passphrase-wrong');
    case 'passphrase-changed':
      return appError('sync-passphrase-changed');
    case 'not-kept':
      return appError('sync-passphrase-not-kept');
    case 'not-encrypted':
      return appError('sync-not-encrypted');
    case 'not-joined':
      return appError('sync-not-set-up');
    case 'no-folder':
      return appError('sync-no-folder');
    case 'foreign-folder':
      return appError('sync-foreign-folder');
    case 'remote':
    case 'damaged':
      return result.error ?? appError('unexpected', { detail: result.message });
  }
}

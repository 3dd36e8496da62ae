import { useState } from 'preact/hooks';
import { forgetSyncDevice } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import type { SyncDevice } from '@/utils/sync';
import { formatDate } from '../shared/format';
import { t } from '../shared/i18n';

/**
 * The other devices sharing the sync folder, each with when it last synced and "Forget": for a
 * device the reader no longer syncs from (a reinstalled browser is a new device), which would
 * otherwise keep deleted articles from ever being cleared (utils/sync/forget.ts). Asked first,
 * in plain words, with what it does and does not do.
 */
export function SyncDevices({
  db,
  devices,
  running,
  run,
}: {
  db: ReadmarkDb;
  devices: SyncDevice[];
  running: boolean;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const [asking, setAsking] = useState<SyncDevice | null>(null);
  const label = (device: SyncDevice) => device.name || device.id;
  return (
    <div class="sync-devices" data-testid="sync-devices">
      <p class="meta">{t('syncDevicesTitle')}</p>
      <ul>
        {devices.map((device) => (
          <li key={device.id}>
            <span class="sync-device-name">{label(device)}</span>
            {device.lastSeenAt !== null && (
              <span class="meta"> {t('syncDeviceLastSeen', formatDate(device.lastSeenAt))}</span>
            )}{' '}
            <button
              type="button"
              disabled={running}
              aria-label={t('syncForgetDeviceLabel', label(device))}
              onClick={() => setAsking(device)}
            >
              {t('syncForgetDevice')}
            </button>
          </li>
        ))}
      </ul>
      {asking && (
        <div class="sync-question" role="alertdialog" aria-label={t('syncForgetDeviceLabel', label(asking))}>
          <p>{t('syncForgetDeviceConfirm', label(asking))}</p>
          <button
            type="button"
            disabled={running}
            onClick={() => {
              const device = asking;
              setAsking(null);
              void run(() => forgetSyncDevice(db, device.id));
            }}
          >
            {t('syncForgetDeviceYes')}
          </button>
          <button type="button" onClick={() => setAsking(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </div>
  );
}

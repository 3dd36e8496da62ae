import { useEffect, useState } from 'preact/hooks';
import { type AppError, appError } from '@/utils/model';
import {
  loadSyncConfig,
  loadSyncStatus,
  requestSyncAccess,
  runSync,
  type SyncConfig,
  saveSyncConfig,
  stopSync,
  syncHostPattern,
} from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { t } from '../shared/i18n';
import { SyncStatusLines } from '../shared/SyncStatus';
import { useObserved } from '../shared/use-observed';

const defaultDeviceName = () => (navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome');

/**
 * "Sync": the WebDAV folder, the sign-in, this device's name and the encryption passphrase
 * (recommended; going without is a box the reader ticks), then "Sync now". Host access for the
 * server's origin is asked from the click itself: browsers grant permission requests only
 * inside the reader's gesture.
 */
export function SyncSection({ db }: { db: ReadmarkDb }) {
  const [form, setForm] = useState<SyncConfig | null>(null);
  const [plain, setPlain] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const status = useObserved(() => loadSyncStatus(db), [db]);

  useEffect(() => {
    void loadSyncConfig(db).then((config) => {
      setForm(config ?? { url: '', user: '', password: '', passphrase: '', deviceName: defaultDeviceName() });
      setPlain(config !== null && config.passphrase === null);
    });
  }, [db]);
  if (!form) return null;

  const field = (name: keyof SyncConfig) => ({
    name,
    value: form[name] ?? '',
    onInput: (event: Event) => setForm({ ...form, [name]: (event.target as HTMLInputElement).value }),
  });

  const run = async (work: () => Promise<unknown>) => {
    setRunning(true);
    try {
      await work();
    } finally {
      setRunning(false);
    }
  };

  const show = (error: AppError) => setProblem(errorMessage(error));

  const syncNow = (event: Event) => {
    event.preventDefault();
    setProblem(null);
    const url = form.url.trim();
    const pattern = syncHostPattern(url);
    if (!pattern) return show(appError('sync-bad-url'));
    if (!plain && !form.passphrase) return setProblem(t('syncPassphraseRequired'));
    // Inside the click, before any await.
    const access = requestSyncAccess(url);
    void run(async () => {
      if (!(await access.catch(() => false)))
        return show(appError('sync-no-permission', { origin: new URL(url).host }));
      await saveSyncConfig(db, {
        url,
        user: form.user.trim(),
        password: form.password,
        passphrase: plain ? null : form.passphrase,
        deviceName: form.deviceName.trim() || defaultDeviceName(),
      });
      await runSync(db);
    });
  };

  const current = status.kind === 'ready' ? status.value : null;
  return (
    <section class="settings-section" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('syncTitle')}</h2>
      <p>{t('syncIntro')}</p>
      <form class="sync-form" onSubmit={syncNow}>
        <label>
          {t('syncServerUrl')}
          <input
            type="url"
            required
            placeholder="https://cloud.example.org/remote.php/dav/files/me/Readmark/"
            {...field('url')}
          />
        </label>
        <label>
          {t('syncUserName')}
          <input type="text" autoComplete="username" {...field('user')} />
        </label>
        <label>
          {t('syncPassword')}
          <input type="password" autoComplete="current-password" {...field('password')} />
        </label>
        <label>
          {t('syncDeviceName')}
          <input type="text" {...field('deviceName')} />
        </label>
        <label>
          {t('syncPassphrase')}
          <input type="password" autoComplete="new-password" disabled={plain} {...field('passphrase')} />
        </label>
        <p class="meta sync-advice">{t('syncPassphraseAdvice')}</p>
        <label class="sync-plain">
          <input
            type="checkbox"
            checked={plain}
            onChange={(event) => setPlain((event.target as HTMLInputElement).checked)}
          />
          {t('syncNoPassphrase')}
        </label>
        <button type="submit" disabled={running}>
          {running ? t('syncRunning') : t('syncNow')}
        </button>
      </form>
      {problem && (
        <p class="sync-problem" role="alert">
          {problem}
        </p>
      )}
      {current && (current.lastRunAt || current.lastError) && (
        <p class="sync-status" data-testid="sync-settings-status" aria-live="polite">
          <SyncStatusLines status={current} />
        </p>
      )}
      {current && current.devices.length > 0 && (
        <p class="meta" data-testid="sync-devices">
          {t('syncDevices', current.devices.join(', '))}
        </p>
      )}
      {current?.approval && (
        <div class="sync-question">
          <button
            type="button"
            disabled={running}
            onClick={() => void run(() => runSync(db, { approve: current.approval! }))}
          >
            {t('syncContinue')}
          </button>
          <button type="button" disabled={running} onClick={() => void run(() => stopSync(db))}>
            {t('syncStop')}
          </button>
        </div>
      )}
    </section>
  );
}

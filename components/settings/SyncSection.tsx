import { useEffect, useState } from 'preact/hooks';
import { type AppError, appError } from '@/utils/model';
import {
  changeSyncPassphrase,
  loadSyncConfig,
  loadSyncStatus,
  requestSyncAccess,
  runSync,
  type SyncConfig,
  saveSyncConfig,
  stopSync,
  syncHostPattern,
  turnSyncOff,
} from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { t } from '../shared/i18n';
import { SyncStatusLines } from '../shared/SyncStatus';
import { useObserved } from '../shared/use-observed';
import { SyncDevices } from './SyncDevices';
import {
  formFrom,
  type PassphraseChangeForm,
  passphraseChangeProblem,
  type SyncForm,
  setUpProblem,
  submission,
} from './sync-form';

const defaultDeviceName = () => (navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome');

/**
 * "Sync": the WebDAV folder, the sign-in, this device's name and the encryption passphrase
 * (recommended; going without is a box the reader ticks), then "Sync now". Host access for the
 * server's origin is asked from the click itself: browsers grant permission requests only
 * inside the reader's gesture. The passphrase is used for the run and forgotten (the device keeps
 * the folder's keys). Once set up: change the passphrase, and turn sync off on this device.
 */
export function SyncSection({ db }: { db: ReadmarkDb }) {
  const [config, setConfig] = useState<SyncConfig | null | undefined>(undefined);
  const [form, setForm] = useState<SyncForm | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const status = useObserved(() => loadSyncStatus(db), [db]);

  const reload = async () => {
    const stored = await loadSyncConfig(db);
    setConfig(stored);
    setForm(formFrom(stored, defaultDeviceName()));
  };
  useEffect(() => {
    void reload();
  }, [db]);
  if (!form || config === undefined) return null;

  const field = (name: 'url' | 'user' | 'password' | 'deviceName' | 'passphrase') => ({
    name,
    value: form[name],
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
    setNotice(null);
    const { config: next, run: runOptions } = submission(form, defaultDeviceName());
    const pattern = syncHostPattern(next.url);
    if (!pattern) return show(appError('sync-bad-url'));
    const missing = setUpProblem(form, config);
    if (missing) return setProblem(t(missing));
    // Inside the click, before any await.
    const access = requestSyncAccess(next.url);
    void run(async () => {
      if (!(await access.catch(() => false)))
        return show(appError('sync-no-permission', { origin: new URL(next.url).host }));
      await saveSyncConfig(db, next);
      setConfig(next);
      const after = await runSync(db, runOptions);
      // Not kept: once a run opened the folder, the device holds its keys.
      if (!after.lastError) setForm({ ...form, passphrase: '' });
    });
  };

  const turnOff = () =>
    void run(async () => {
      await turnSyncOff(db);
      await reload();
      setProblem(null);
      setNotice(t('syncTurnedOff'));
    });

  const current = status.kind === 'ready' ? status.value : null;
  const encrypted = config?.encrypted === true;
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
          <input type="password" autoComplete="new-password" disabled={form.plain} {...field('passphrase')} />
        </label>
        <p class="meta sync-advice">{encrypted ? t('syncPassphraseKept') : t('syncPassphraseAdvice')}</p>
        <label class="sync-plain">
          <input
            type="checkbox"
            checked={form.plain}
            onChange={(event) => setForm({ ...form, plain: (event.target as HTMLInputElement).checked })}
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
      {notice && (
        <p class="meta" role="status">
          {notice}
        </p>
      )}
      {config && current && (current.lastRunAt || current.lastError) && (
        <p class="sync-status" data-testid="sync-settings-status" aria-live="polite">
          <SyncStatusLines status={current} />
        </p>
      )}
      {config && current && current.devices.length > 0 && (
        <SyncDevices db={db} devices={current.devices} running={running} run={run} />
      )}
      {config && current?.approval && (
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
      {encrypted && <ChangePassphrase db={db} running={running} run={run} />}
      {config && <TurnOff running={running} onConfirm={turnOff} />}
    </section>
  );
}

/** "Change the passphrase": the current one, the new one twice. */
function ChangePassphrase({
  db,
  running,
  run,
}: {
  db: ReadmarkDb;
  running: boolean;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const empty: PassphraseChangeForm = { current: '', next: '', repeat: '' };
  const [form, setForm] = useState(empty);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const field = (name: keyof PassphraseChangeForm) => ({
    name,
    value: form[name],
    onInput: (event: Event) => setForm({ ...form, [name]: (event.target as HTMLInputElement).value }),
  });
  const submit = (event: Event) => {
    event.preventDefault();
    const problem = passphraseChangeProblem(form);
    if (problem) return setOutcome({ ok: false, text: t(problem) });
    void run(async () => {
      const error = await changeSyncPassphrase(db, form.current, form.next);
      if (error) return setOutcome({ ok: false, text: errorMessage(error) });
      setForm(empty);
      setOutcome({ ok: true, text: t('syncPassphraseChanged') });
    });
  };
  return (
    <details class="sync-change-passphrase">
      <summary>{t('syncChangePassphrase')}</summary>
      <form class="sync-form" onSubmit={submit}>
        <p class="meta">{t('syncChangePassphraseIntro')}</p>
        <label>
          {t('syncCurrentPassphrase')}
          <input type="password" autoComplete="current-password" {...field('current')} />
        </label>
        <label>
          {t('syncNewPassphrase')}
          <input type="password" autoComplete="new-password" {...field('next')} />
        </label>
        <label>
          {t('syncRepeatPassphrase')}
          <input type="password" autoComplete="new-password" {...field('repeat')} />
        </label>
        <button type="submit" disabled={running}>
          {t('syncChangePassphrase')}
        </button>
      </form>
      {outcome && (
        <p class={outcome.ok ? 'meta' : 'sync-problem'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </details>
  );
}

/** "Turn sync off on this device", asked twice: what stays and what is forgotten, then confirm. */
function TurnOff({ running, onConfirm }: { running: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" class="sync-turn-off" disabled={running} onClick={() => setAsking(true)}>
        {t('syncTurnOff')}
      </button>
    );
  return (
    <div class="sync-question">
      <p>{t('syncTurnOffConfirm')}</p>
      <button
        type="button"
        disabled={running}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('syncTurnOff')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </div>
  );
}

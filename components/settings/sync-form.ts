/**
 * What Settings → Sync decides, apart from drawing it: the form as a configuration is shown, what a
 * "Sync now" click needs before it may run, and whether a passphrase change may be sent. Pure, so
 * each rule has a unit test (tests/unit/sync/sync-form.test.ts).
 */
import type { SyncConfig } from '@/utils/services';
import type { MessageKey } from '../shared/i18n';

export interface SyncForm {
  url: string;
  user: string;
  password: string;
  deviceName: string;
  /** Typed by the reader for this click only; never filled from storage (it is not kept). */
  passphrase: string;
  /** The reader chose to sync without encryption. */
  plain: boolean;
}

export function formFrom(config: SyncConfig | null, defaultDeviceName: string): SyncForm {
  return {
    url: config?.url ?? '',
    user: config?.user ?? '',
    password: config?.password ?? '',
    deviceName: config?.deviceName || defaultDeviceName,
    passphrase: '',
    plain: config !== null && !config.encrypted,
  };
}

/**
 * Why "Sync now" may not run yet (a message key), or null. A passphrase is needed to set up an
 * encrypted sync; once set up, the device keeps the folder's keys and the field stays empty
 * unless a run asked for it.
 */
export function setUpProblem(form: SyncForm, config: SyncConfig | null): MessageKey | null {
  const settingUp = config === null || !config.encrypted;
  if (!form.plain && settingUp && !form.passphrase) return 'syncPassphraseRequired';
  return null;
}

/** The configuration a "Sync now" click saves (no passphrase in it), and what the run is given. */
export function submission(form: SyncForm, defaultDeviceName: string) {
  const config: SyncConfig = {
    url: form.url.trim(),
    user: form.user.trim(),
    password: form.password,
    deviceName: form.deviceName.trim() || defaultDeviceName,
    encrypted: !form.plain,
  };
  const passphrase = !form.plain && form.passphrase ? form.passphrase : undefined;
  return { config, run: passphrase ? { passphrase } : {} };
}

export interface PassphraseChangeForm {
  current: string;
  next: string;
  repeat: string;
}

/** Why a passphrase change may not be sent (a message key), or null. */
export function passphraseChangeProblem(form: PassphraseChangeForm): MessageKey | null {
  if (!form.current || !form.next || !form.repeat) return 'syncPassphraseMissing';
  if (form.next !== form.repeat) return 'syncPassphraseMismatch';
  if (form.next === form.current) return 'syncPassphraseSame';
  return null;
}

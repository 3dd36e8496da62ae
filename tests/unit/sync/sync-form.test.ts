// Settings → Sync's rules, apart from drawing them (components/settings/sync-form.ts).
import { describe, expect, test } from 'vitest';
import { formFrom, passphraseChangeProblem, setUpProblem, submission } from '@/components/settings/sync-form';
import type { SyncConfig } from '@/utils/services';

const config: SyncConfig = {
  url: 'https://cloud.example.org/dav/Readmark/',
  user: 'me',
  password: 'app password',
  deviceName: 'Laptop',
  encrypted: true,
};

describe('the sync form', () => {
  test('shows a stored configuration but never a passphrase (none is kept)', () => {
    const form = formFrom(config, 'Chrome');
    expect(form).toMatchObject({
      url: config.url,
      user: 'me',
      deviceName: 'Laptop',
      passphrase: '',
      plain: false,
    });
    expect(formFrom({ ...config, encrypted: false }, 'Chrome').plain).toBe(true);
    expect(formFrom(null, 'Chrome')).toMatchObject({ url: '', deviceName: 'Chrome', plain: false });
  });

  test('a passphrase is needed to set up an encrypted sync, not once the device keeps the keys', () => {
    const blank = formFrom(null, 'Chrome');
    expect(setUpProblem(blank, null)).toBe('syncPassphraseRequired');
    expect(setUpProblem({ ...blank, plain: true }, null)).toBeNull();
    expect(setUpProblem({ ...blank, passphrase: 'secret' }, null)).toBeNull();
    expect(setUpProblem(formFrom(config, 'Chrome'), config)).toBeNull();
    // Turning encryption on for a plain set-up needs one.
    const plain = { ...config, encrypted: false };
    expect(setUpProblem({ ...formFrom(plain, 'Chrome'), plain: false }, plain)).toBe(
      'syncPassphraseRequired',
    );
  });

  test('what a click saves holds no passphrase; the run gets it only when typed and wanted', () => {
    const typed = {
      ...formFrom(null, 'Chrome'),
      url: ' https://x.org/dav/ ',
      passphrase: 'secret',
      deviceName: ' ',
    };
    const { config: saved, run } = submission(typed, 'Chrome');
    expect(saved).toEqual({
      url: 'https://x.org/dav/',
      user: '',
      password: '',
      deviceName: 'Chrome',
      encrypted: true,
    });
    expect(JSON.stringify(saved)).not.toContain('secret');
    expect(run).toEqual({ passphrase: 'secret' });
    expect(submission({ ...typed, passphrase: '' }, 'Chrome').run).toEqual({});
    expect(submission({ ...typed, plain: true }, 'Chrome')).toMatchObject({
      config: { encrypted: false },
      run: {},
    });
  });

  test('a passphrase change needs the current one and the new one twice, different', () => {
    expect(passphraseChangeProblem({ current: '', next: 'a', repeat: 'a' })).toBe('syncPassphraseMissing');
    expect(passphraseChangeProblem({ current: 'old', next: 'a', repeat: '' })).toBe('syncPassphraseMissing');
    expect(passphraseChangeProblem({ current: 'old', next: 'a', repeat: 'b' })).toBe(
      'syncPassphraseMismatch',
    );
    expect(passphraseChangeProblem({ current: 'old', next: 'old', repeat: 'old' })).toBe(
      'syncPassphraseSame',
    );
    expect(passphraseChangeProblem({ current: 'old', next: 'new', repeat: 'new' })).toBeNull();
  });
});

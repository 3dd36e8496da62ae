import { describe, expect, test } from 'vitest';
import {
  currentProfile,
  exportProfile,
  importProfile,
  PROFILE_KEYS,
  PROFILES,
  presetChange,
  profileChange,
  TEXT_PRESETS,
} from '@/components/reader/reader-profiles';
import {
  DEFAULT_READER_SETTINGS,
  parseReaderSettings,
  type ReaderSettings,
} from '@/components/reader/reader-settings';

const mine: ReaderSettings = {
  ...DEFAULT_READER_SETTINGS,
  theme: 'sepia',
  speechRate: 1.5,
  voices: { fr: 'v' },
};

describe('presets', () => {
  test('"WCAG 1.4.12 spacing" applies the four values of the criterion and keeps the rest', () => {
    const next = parseReaderSettings({ ...mine, fontSize: 24, ...presetChange(mine, 'wcag') });
    expect(next).toMatchObject({
      lineHeight: 1.5,
      paragraphSpacing: 2,
      letterSpacing: 0.12,
      wordSpacing: 0.16,
    });
    expect(next).toMatchObject({ theme: 'sepia', speechRate: 1.5, voices: { fr: 'v' } });
  });

  test('"Large print" makes the text at least 18 pt (24 px) with a shorter line', () => {
    const next = parseReaderSettings({ ...mine, ...presetChange(mine, 'largePrint') });
    expect(next.fontSize).toBeGreaterThanOrEqual(24);
    expect(next.width).toBeLessThan(DEFAULT_READER_SETTINGS.width);
  });

  test('every preset value is one the panel can set', () => {
    for (const [name, preset] of Object.entries(TEXT_PRESETS)) {
      const applied = parseReaderSettings({ ...DEFAULT_READER_SETTINGS, ...preset });
      expect(applied, name).toMatchObject(preset);
    }
  });
});

describe('profiles', () => {
  test('each profile is valid as it stands and none recommends OpenDyslexic or changes colours', () => {
    for (const [name, profile] of Object.entries(PROFILES)) {
      expect(parseReaderSettings(profile), name).toEqual(profile);
      expect(profile.font, name).not.toBe('opendyslexic');
      expect(profile.theme, name).toBe(DEFAULT_READER_SETTINGS.theme);
    }
  });

  test('a profile sets the text panel and line focus only, and is then the current profile', () => {
    const change = profileChange('focus');
    expect(Object.keys(change).sort()).toEqual([...PROFILE_KEYS].sort());
    const next = { ...mine, ...change };
    expect(next).toMatchObject({ theme: 'sepia', voices: { fr: 'v' }, focus: 'line3' });
    expect(currentProfile(next)).toBe('focus');
    expect(currentProfile({ ...next, fontSize: 30 })).toBeNull();
    expect(currentProfile({ ...mine, ...profileChange('lowVision') })).toBe('lowVision');
    expect(currentProfile({ ...mine, ...profileChange('dyslexia') })).toBe('dyslexia');
  });

  test('the three profiles differ', () => {
    const keys = Object.values(PROFILES).map((p) => JSON.stringify(PROFILE_KEYS.map((k) => p[k])));
    expect(new Set(keys).size).toBe(3);
  });
});

describe('profile file', () => {
  const custom: ReaderSettings = {
    ...mine,
    font: 'lexend',
    fontSize: 23,
    letterSpacing: 0.04,
    wordSpacing: 0.1,
    focus: 'line5',
    focusDim: 0.3,
  };

  test('export then import gives back the same text panel and line focus, and nothing else', () => {
    const file = exportProfile(custom);
    expect(file.length).toBeLessThan(600);
    const parsed = JSON.parse(file);
    expect(parsed).toMatchObject({ format: 'readmark-reader-profile', version: 1 });
    expect(Object.keys(parsed.settings).sort()).toEqual([...PROFILE_KEYS].sort());
    const result = importProfile(file, DEFAULT_READER_SETTINGS);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ font: 'lexend', fontSize: 23 }) });
    if (!result.ok) return;
    const applied = { ...DEFAULT_READER_SETTINGS, ...result.value };
    for (const key of PROFILE_KEYS) expect(applied[key], key).toEqual(custom[key]);
    expect(applied.theme).toBe(DEFAULT_READER_SETTINGS.theme);
  });

  test('a file with some keys changes only those (and word spacing if letter spacing needs it)', () => {
    const file = JSON.stringify({
      format: 'readmark-reader-profile',
      version: 1,
      settings: { letterSpacing: 0.12 },
    });
    const result = importProfile(file, custom);
    expect(result.ok && result.value).toMatchObject({
      font: 'lexend',
      letterSpacing: 0.12,
      wordSpacing: 0.16,
    });
  });

  test.each([
    ['not JSON', '{oops', 'profile-not-json'],
    ['another JSON file', '{"articles": []}', 'profile-not-profile'],
    ['an array', '[1,2]', 'profile-not-profile'],
    [
      'settings not an object',
      '{"format":"readmark-reader-profile","version":1,"settings":3}',
      'profile-not-profile',
    ],
    [
      'a newer version',
      '{"format":"readmark-reader-profile","version":2,"settings":{}}',
      'profile-newer-version',
    ],
    ['no version', '{"format":"readmark-reader-profile","settings":{}}', 'profile-newer-version'],
  ])('%s is refused whole', (_name, text, code) => {
    const result = importProfile(text, custom);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  test('values outside the panel’s choices are refused, naming each, and nothing is applied', () => {
    const file = JSON.stringify({
      format: 'readmark-reader-profile',
      version: 1,
      settings: { font: 'Comic Sans', fontSize: 500, lineHeight: 1.5, focus: 'line2', theme: 'neon' },
    });
    expect(importProfile(file, custom)).toEqual({
      ok: false,
      error: { code: 'profile-bad-values', data: { keys: 'font, fontSize, focus' } },
    });
  });
});

import { err, ok, type Result } from '@/utils/model';
import { DEFAULT_READER_SETTINGS, parseReaderSettings, type ReaderSettings } from './reader-settings';

/** The settings a text preset or a profile may set; theme, voices and speech rate stay the reader's. */
export const PROFILE_KEYS = [
  'font',
  'fontSize',
  'lineHeight',
  'width',
  'letterSpacing',
  'wordSpacing',
  'paragraphSpacing',
  'focus',
  'focusDim',
] as const satisfies readonly (keyof ReaderSettings)[];
export type ProfileKey = (typeof PROFILE_KEYS)[number];
export type ProfileSettings = Pick<ReaderSettings, ProfileKey>;

/**
 * Text presets: spacing only, so they combine with any font and size.
 * "WCAG 1.4.12": the four values of the success criterion (line height 1.5 × the font size,
 * paragraph spacing 2 ×, letter spacing 0.12 ×, word spacing 0.16 ×).
 * "Large print": 150% of the default size (28 px ≈ 21 pt, above the 18 pt floor of large-print
 * guidance), a shorter line so the eye finds the next one, and a little more leading.
 */
export const TEXT_PRESETS = {
  wcag: { lineHeight: 1.5, paragraphSpacing: 2, letterSpacing: 0.12, wordSpacing: 0.16 },
  largePrint: { fontSize: 28, lineHeight: 1.6, width: 50 },
} as const satisfies Record<string, Partial<ProfileSettings>>;
export type TextPreset = keyof typeof TEXT_PRESETS;

/**
 * One-click bundles. None picks OpenDyslexic (no measured gain) or changes the colours (tinted
 * backgrounds are not a treatment); each only sets the text panel and line focus.
 * - Dyslexia-friendly: a bundled face with distinct letter shapes, a sans as the British Dyslexia
 *   Association's style guide asks, larger text, spacing towards the WCAG values, about 60
 *   characters a line.
 * - Low vision: larger than Large print (32 px) in a hyperlegible face, a short line, and a ruler
 *   under the line being read.
 * - Focus: the default type with a three-line window, the rest dimmed.
 */
export const PROFILES = {
  dyslexia: {
    ...DEFAULT_READER_SETTINGS,
    font: 'atkinson',
    fontSize: 21,
    lineHeight: 1.6,
    width: 60,
    letterSpacing: 0.06,
    wordSpacing: 0.12,
    paragraphSpacing: 1.5,
    focus: 'off',
  },
  lowVision: {
    ...DEFAULT_READER_SETTINGS,
    font: 'atkinson',
    fontSize: 32,
    lineHeight: 1.6,
    width: 50,
    letterSpacing: 0.02,
    wordSpacing: 0.04,
    focus: 'ruler',
  },
  focus: { ...DEFAULT_READER_SETTINGS, focus: 'line3', focusDim: 0.6 },
} satisfies Record<string, ReaderSettings>;
export type ProfileName = keyof typeof PROFILES;

/** The change a profile makes: its text panel and line focus, nothing else. */
export function profileChange(name: ProfileName): ProfileSettings {
  return pickProfile(PROFILES[name]);
}

/** The profile whose settings the reader has now, if any (the panel marks it as chosen). */
export function currentProfile(settings: ReaderSettings): ProfileName | null {
  const names = Object.keys(PROFILES) as ProfileName[];
  return names.find((name) => PROFILE_KEYS.every((key) => PROFILES[name][key] === settings[key])) ?? null;
}

/** A preset's change, with word spacing kept at least as wide as the new letter spacing calls for. */
export function presetChange(settings: ReaderSettings, preset: TextPreset): Partial<ReaderSettings> {
  return parseReaderSettings({ ...settings, ...TEXT_PRESETS[preset] });
}

/** Marks the exported file, so importing some other JSON says so instead of half applying it. */
const PROFILE_FORMAT = 'readmark-reader-profile';
const PROFILE_VERSION = 1;

/** The reader's text panel and line focus as a small JSON file, to carry to another browser. */
export function exportProfile(settings: ReaderSettings): string {
  return `${JSON.stringify({ format: PROFILE_FORMAT, version: PROFILE_VERSION, settings: pickProfile(settings) }, null, 2)}\n`;
}

/**
 * Reads an exported profile back. All or nothing: a file that is not a profile, comes from a newer
 * version or holds a value outside the panel's choices is refused, naming what is wrong, and the
 * reader's settings stay as they were. Keys the file does not have keep the reader's values;
 * keys it has that are not profile keys (theme, voices…) are ignored.
 */
export function importProfile(text: string, current: ReaderSettings): Result<ProfileSettings> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return err('profile-not-json');
  }
  const file = isRecord(data) ? data : {};
  if (file.format !== PROFILE_FORMAT || !isRecord(file.settings)) return err('profile-not-profile');
  if (typeof file.version !== 'number' || file.version > PROFILE_VERSION)
    return err('profile-newer-version', { version: Number(file.version) });
  const given = file.settings;
  const merged = { ...current, ...given };
  const parsed = parseReaderSettings(merged);
  // A value the parser had to change (clamp, snap, replace) was not one the panel can make.
  const bad = PROFILE_KEYS.filter((key) => key in given && parsed[key] !== merged[key]);
  if (bad.length > 0) return err('profile-bad-values', { keys: bad.join(', ') });
  return ok(pickProfile(parsed));
}

function pickProfile(settings: ReaderSettings): ProfileSettings {
  return Object.fromEntries(PROFILE_KEYS.map((key) => [key, settings[key]])) as ProfileSettings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { READER_SETTINGS_KEY, SPEECH_RATE_RANGE, snapToRange, voiceChoices } from '@/utils/model';
/** How the reader lays out and colours the article; persisted under the settings key 'reader'. */
export interface ReaderSettings {
  font: ReaderFont;
  /** Body text size in CSS pixels. */
  fontSize: number;
  /** Unitless line height. */
  lineHeight: number;
  /** Line length (measure) in characters of the body font. */
  width: number;
  /** Extra space between letters, in em (WCAG 1.4.12 asks that 0.12 break nothing). */
  letterSpacing: number;
  /** Extra space between words, in em; never below what the letter spacing calls for (wordSpacingFloor). */
  wordSpacing: number;
  /** Space after each paragraph, in em (WCAG 1.4.12: 2). */
  paragraphSpacing: number;
  theme: ReaderTheme;
  /** Line focus: off, a window of 1, 3 or 5 lines over dimmed text, or a ruler under the line. */
  focus: LineFocusMode;
  /** How strongly line focus dims the text outside its window (0..1 of the background colour). */
  focusDim: number;
  /** Listen: speech rate (1 = the voice's normal speed). */
  speechRate: number;
  /** Listen: the voice chosen per language (primary subtag → voiceURI). */
  voices: Record<string, string>;
}

/**
 * Body fonts. The last four are bundled with the extension (reader-fonts.css, nothing is fetched):
 * Atkinson Hyperlegible, Lexend and Andika are open-licensed faces designed for telling letters
 * apart; OpenDyslexic is offered because readers ask for it, but no profile picks it (studies
 * found no gain in reading speed or accuracy).
 */
export const READER_FONTS = ['serif', 'sans', 'atkinson', 'lexend', 'andika', 'opendyslexic'] as const;
export type ReaderFont = (typeof READER_FONTS)[number];

export const LINE_FOCUS_MODES = ['off', 'line1', 'line3', 'line5', 'ruler'] as const;
export type LineFocusMode = (typeof LINE_FOCUS_MODES)[number];

export const READER_THEMES = ['system', 'light', 'sepia', 'dark'] as const;
export type ReaderTheme = (typeof READER_THEMES)[number];

/** Bounds and steps of the numeric settings: the sliders use them, and stored values are snapped to them. */
export const READER_RANGES = {
  // Up to 200% of the default size (19 px).
  fontSize: { min: 14, max: 38, step: 1 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.1 },
  width: { min: 40, max: 100, step: 5 },
  letterSpacing: { min: 0, max: 0.2, step: 0.01 },
  wordSpacing: { min: 0, max: 0.4, step: 0.02 },
  paragraphSpacing: { min: 0.5, max: 2.5, step: 0.25 },
  focusDim: { min: 0.2, max: 0.8, step: 0.1 },
  speechRate: SPEECH_RATE_RANGE,
} as const satisfies Record<string, { min: number; max: number; step: number }>;

export const SETTINGS_KEY = READER_SETTINGS_KEY;

export const DEFAULT_READER_SETTINGS: ReaderSettings = {
  font: 'serif',
  fontSize: 19,
  lineHeight: 1.6,
  width: 65,
  letterSpacing: 0,
  wordSpacing: 0,
  paragraphSpacing: 1,
  theme: 'system',
  focus: 'off',
  focusDim: 0.5,
  speechRate: 1,
  voices: {},
};

/**
 * Reads back whatever was stored under 'reader' (an older version, a restored backup, a hand-edited
 * database): each field that is missing or invalid falls back to its default on its own, so one
 * bad value never resets the others. Numbers are clamped to their range and snapped to their step.
 */
export function parseReaderSettings(stored: unknown): ReaderSettings {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const d = DEFAULT_READER_SETTINGS;
  const letterSpacing = inRange('letterSpacing', record.letterSpacing, d.letterSpacing);
  return {
    // 'legible' (before the fonts were bundled) was a stack led by Atkinson Hyperlegible.
    font: oneOf(READER_FONTS, record.font === 'legible' ? 'atkinson' : record.font, d.font),
    fontSize: inRange('fontSize', record.fontSize, d.fontSize),
    lineHeight: inRange('lineHeight', record.lineHeight, d.lineHeight),
    width: inRange('width', record.width, d.width),
    letterSpacing,
    wordSpacing: Math.max(
      inRange('wordSpacing', record.wordSpacing, d.wordSpacing),
      wordSpacingFloor(letterSpacing),
    ),
    paragraphSpacing: inRange('paragraphSpacing', record.paragraphSpacing, d.paragraphSpacing),
    theme: oneOf(READER_THEMES, record.theme, d.theme),
    focus: oneOf(LINE_FOCUS_MODES, record.focus, d.focus),
    focusDim: inRange('focusDim', record.focusDim, d.focusDim),
    speechRate: inRange('speechRate', record.speechRate, d.speechRate),
    voices: voiceChoices(record.voices),
  };
}

/**
 * The least word spacing a letter spacing calls for. Letter spacing widens the gaps inside words
 * as much as the gaps between them, so words run together unless word spacing grows faster; the
 * ratio is WCAG 1.4.12's (0.16 em of word spacing to 0.12 em of letter spacing), rounded up to the
 * word-spacing step.
 */
export function wordSpacingFloor(letterSpacing: number): number {
  const { step, max } = READER_RANGES.wordSpacing;
  const floor = Math.ceil(Number(((letterSpacing * 4) / 3 / step).toFixed(6))) * step;
  return Number(Math.min(max, floor).toFixed(2));
}

/** Changes exactly when a setting that reflows the article's text changes (theme, focus, voices do not). */
export function textLayoutKey(settings: ReaderSettings): string {
  const { font, fontSize, lineHeight, width, letterSpacing, wordSpacing, paragraphSpacing } = settings;
  return [font, fontSize, lineHeight, width, letterSpacing, wordSpacing, paragraphSpacing].join(' ');
}

/** The theme to paint: 'system' resolves to light or dark from the system preference. */
export function resolveTheme(theme: ReaderTheme, systemDark: boolean): Exclude<ReaderTheme, 'system'> {
  if (theme !== 'system') return theme;
  return systemDark ? 'dark' : 'light';
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function inRange(key: keyof typeof READER_RANGES, value: unknown, fallback: number): number {
  return snapToRange(value, READER_RANGES[key], fallback);
}

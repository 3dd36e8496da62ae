/** How the reader lays out and colours the article; persisted under the settings key 'reader'. */
export interface ReaderSettings {
  font: ReaderFont;
  /** Body text size in CSS pixels. */
  fontSize: number;
  /** Unitless line height. */
  lineHeight: number;
  /** Line length (measure) in characters of the body font. */
  width: number;
  theme: ReaderTheme;
  /** Listen: speech rate (1 = the voice's normal speed). */
  speechRate: number;
  /** Listen: the voice chosen per language (primary subtag → voiceURI). */
  voices: Record<string, string>;
}

export const READER_FONTS = ['serif', 'sans', 'legible'] as const;
export type ReaderFont = (typeof READER_FONTS)[number];

export const READER_THEMES = ['system', 'light', 'sepia', 'dark'] as const;
export type ReaderTheme = (typeof READER_THEMES)[number];

/** Bounds and steps of the numeric settings: the sliders use them, and stored values are snapped to them. */
export const READER_RANGES = {
  fontSize: { min: 14, max: 32, step: 1 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.1 },
  width: { min: 40, max: 100, step: 5 },
  speechRate: { min: 0.5, max: 2, step: 0.25 },
} as const satisfies Record<string, { min: number; max: number; step: number }>;

export const SETTINGS_KEY = 'reader';

export const DEFAULT_READER_SETTINGS: ReaderSettings = {
  font: 'serif',
  fontSize: 19,
  lineHeight: 1.6,
  width: 65,
  theme: 'system',
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
  return {
    font: oneOf(READER_FONTS, record.font, d.font),
    fontSize: inRange('fontSize', record.fontSize, d.fontSize),
    lineHeight: inRange('lineHeight', record.lineHeight, d.lineHeight),
    width: inRange('width', record.width, d.width),
    theme: oneOf(READER_THEMES, record.theme, d.theme),
    speechRate: inRange('speechRate', record.speechRate, d.speechRate),
    voices: voiceChoices(record.voices),
  };
}

/** The theme to paint: 'system' resolves to light or dark from the system preference. */
export function resolveTheme(theme: ReaderTheme, systemDark: boolean): Exclude<ReaderTheme, 'system'> {
  if (theme !== 'system') return theme;
  return systemDark ? 'dark' : 'light';
}

/** Keeps the well-formed entries: a language subtag mapped to a voice's URI (engines use long ones). */
function voiceChoices(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      ([lang, uri]) =>
        /^[a-z]{2,3}$/.test(lang) && typeof uri === 'string' && uri.length > 0 && uri.length <= 500,
    ),
  );
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function inRange(key: keyof typeof READER_RANGES, value: unknown, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const { min, max, step } = READER_RANGES[key];
  const snapped = min + Math.round((value - min) / step) * step;
  // Rounded to the step's decimals so 1.2 + 4 * 0.1 reads back as 1.6, not 1.6000000000000003.
  const decimals = String(step).split('.')[1]?.length ?? 0;
  return Number(Math.min(max, Math.max(min, snapped)).toFixed(decimals));
}

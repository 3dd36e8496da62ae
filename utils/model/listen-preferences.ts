/**
 * Listen's speed and chosen voices. They are stored with the reader's settings (under
 * READER_SETTINGS_KEY) and read by the reader and, through the background, by Listen on the live
 * page, so a speed or voice chosen once is heard everywhere.
 */
export const READER_SETTINGS_KEY = 'reader';

export interface NumberRange {
  min: number;
  max: number;
  step: number;
}

/** Speech rate: 1 is the voice's normal speed. */
export const SPEECH_RATE_RANGE = { min: 0.5, max: 2, step: 0.25 } as const satisfies NumberRange;

export interface ListenPreferences {
  rate: number;
  /** The voice chosen per language (primary subtag → voiceURI). */
  voices: Record<string, string>;
}

/** A stored number clamped to its range and snapped to its step; `fallback` when it is not a number. */
export function snapToRange(value: unknown, { min, max, step }: NumberRange, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const snapped = min + Math.round((value - min) / step) * step;
  // Rounded to the step's decimals so 1.2 + 4 * 0.1 reads back as 1.6, not 1.6000000000000003.
  const decimals = String(step).split('.')[1]?.length ?? 0;
  return Number(Math.min(max, Math.max(min, snapped)).toFixed(decimals));
}

/** Keeps the well-formed entries: a language subtag mapped to a voice's URI (engines use long ones). */
export function voiceChoices(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      ([lang, uri]) =>
        /^[a-z]{2,3}$/.test(lang) && typeof uri === 'string' && uri.length > 0 && uri.length <= 500,
    ),
  );
}

/** Listen's preferences from whatever is stored as the reader's settings (defaults where invalid). */
export function listenPreferences(stored: unknown): ListenPreferences {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return { rate: snapToRange(record.speechRate, SPEECH_RATE_RANGE, 1), voices: voiceChoices(record.voices) };
}

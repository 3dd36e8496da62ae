import { describe, expect, test } from 'vitest';
import {
  DEFAULT_READER_SETTINGS,
  parseReaderSettings,
  READER_RANGES,
  resolveTheme,
  textLayoutKey,
  wordSpacingFloor,
} from '@/components/reader/reader-settings';

describe('parseReaderSettings', () => {
  test.each([undefined, null, 'dark', 42, [], true])('%j (nothing usable) gives the defaults', (stored) => {
    expect(parseReaderSettings(stored)).toEqual(DEFAULT_READER_SETTINGS);
  });

  test('a valid stored value reads back unchanged', () => {
    const stored = {
      font: 'andika',
      fontSize: 24,
      lineHeight: 1.9,
      width: 80,
      letterSpacing: 0.05,
      wordSpacing: 0.1,
      paragraphSpacing: 1.75,
      theme: 'sepia',
      focus: 'line3',
      focusDim: 0.7,
      speechRate: 1.5,
      voices: { fr: 'urn:moz-tts:speechd:French?fr' },
    };
    expect(parseReaderSettings(stored)).toEqual(stored);
  });

  test('each invalid field falls back on its own, keeping the valid ones', () => {
    const settings = parseReaderSettings({
      font: 'comic',
      fontSize: '20',
      lineHeight: 2,
      width: NaN,
      theme: 'dark',
      speechRate: 9,
      voices: { en: 'Samantha', 'not a tag': 'x', de: 42 },
    });
    expect(settings).toEqual({
      ...DEFAULT_READER_SETTINGS,
      font: DEFAULT_READER_SETTINGS.font,
      fontSize: DEFAULT_READER_SETTINGS.fontSize,
      lineHeight: 2,
      width: DEFAULT_READER_SETTINGS.width,
      theme: 'dark',
      speechRate: 2, // clamped to the fastest rate
      voices: { en: 'Samantha' },
    });
  });

  test('numbers are clamped to their range and snapped to their step', () => {
    const low = parseReaderSettings({ fontSize: 2, lineHeight: 0.5, width: -10 });
    expect([low.fontSize, low.lineHeight, low.width]).toEqual([
      READER_RANGES.fontSize.min,
      READER_RANGES.lineHeight.min,
      READER_RANGES.width.min,
    ]);
    const high = parseReaderSettings({ fontSize: 999, lineHeight: 7, width: Infinity });
    expect([high.fontSize, high.lineHeight]).toEqual([
      READER_RANGES.fontSize.max,
      READER_RANGES.lineHeight.max,
    ]);
    expect(high.width).toBe(DEFAULT_READER_SETTINGS.width); // Infinity is not a number a reader chose
    const between = parseReaderSettings({ fontSize: 18.4, lineHeight: 1.63, width: 67 });
    expect([between.fontSize, between.lineHeight, between.width]).toEqual([18, 1.6, 65]);
  });

  test('snapped line heights have no floating-point tails', () => {
    for (let value = 1.2; value <= 2.2; value += 0.1) {
      const { lineHeight } = parseReaderSettings({ lineHeight: value });
      expect(String(lineHeight)).toMatch(/^\d(\.\d)?$/);
    }
  });

  test('the defaults themselves are valid (on their steps, inside their ranges)', () => {
    expect(parseReaderSettings(DEFAULT_READER_SETTINGS)).toEqual(DEFAULT_READER_SETTINGS);
  });
});

describe('resolveTheme', () => {
  test('"system" follows the system preference; a chosen theme ignores it', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('sepia', true)).toBe('sepia');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('word spacing rises with letter spacing', () => {
  test('the floor keeps WCAG 1.4.12’s ratio (0.16 em of word spacing for 0.12 em of letter spacing)', () => {
    expect(wordSpacingFloor(0)).toBe(0);
    expect(wordSpacingFloor(0.12)).toBe(0.16);
    // Rounded up to the slider's step, never down.
    expect(wordSpacingFloor(0.05)).toBe(0.08);
    expect(wordSpacingFloor(READER_RANGES.letterSpacing.max)).toBeLessThanOrEqual(
      READER_RANGES.wordSpacing.max,
    );
    for (let letter = 0; letter <= 0.2; letter += 0.01)
      expect(wordSpacingFloor(letter)).toBeGreaterThanOrEqual(letter);
  });

  test('raising letter spacing raises a smaller word spacing; a wider one is kept', () => {
    expect(parseReaderSettings({ letterSpacing: 0.12, wordSpacing: 0 }).wordSpacing).toBe(0.16);
    expect(parseReaderSettings({ letterSpacing: 0.12, wordSpacing: 0.3 }).wordSpacing).toBe(0.3);
    expect(parseReaderSettings({ letterSpacing: 0, wordSpacing: 0.1 }).wordSpacing).toBe(0.1);
  });
});

describe('text layout and older values', () => {
  test('"legible", the font stack before fonts were bundled, reads back as Atkinson Hyperlegible', () => {
    expect(parseReaderSettings({ font: 'legible' }).font).toBe('atkinson');
  });

  test('size goes up to 200% of the default', () => {
    expect(READER_RANGES.fontSize.max).toBe(2 * DEFAULT_READER_SETTINGS.fontSize);
    expect(parseReaderSettings({ fontSize: 38 }).fontSize).toBe(38);
  });

  test('the default line is at most 75 characters', () => {
    expect(DEFAULT_READER_SETTINGS.width).toBeLessThanOrEqual(75);
  });

  test('the layout key changes with every setting that reflows the text, and only those', () => {
    const base = textLayoutKey(DEFAULT_READER_SETTINGS);
    const reflowing = {
      font: 'lexend',
      fontSize: 20,
      lineHeight: 1.7,
      width: 70,
      letterSpacing: 0.01,
      wordSpacing: 0.02,
      paragraphSpacing: 1.25,
    } as const;
    for (const [key, value] of Object.entries(reflowing))
      expect(textLayoutKey({ ...DEFAULT_READER_SETTINGS, [key]: value }), key).not.toBe(base);
    for (const change of [
      { theme: 'dark' },
      { focus: 'line3' },
      { focusDim: 0.8 },
      { speechRate: 2 },
    ] as const)
      expect(textLayoutKey({ ...DEFAULT_READER_SETTINGS, ...change })).toBe(base);
  });
});

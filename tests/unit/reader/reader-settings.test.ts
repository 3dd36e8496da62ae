import { describe, expect, test } from 'vitest';
import {
  DEFAULT_READER_SETTINGS,
  parseReaderSettings,
  READER_RANGES,
  resolveTheme,
} from '@/components/reader/reader-settings';

describe('parseReaderSettings', () => {
  test.each([undefined, null, 'dark', 42, [], true])('%j (nothing usable) gives the defaults', (stored) => {
    expect(parseReaderSettings(stored)).toEqual(DEFAULT_READER_SETTINGS);
  });

  test('a valid stored value reads back unchanged', () => {
    const stored = {
      font: 'legible',
      fontSize: 24,
      lineHeight: 1.9,
      width: 80,
      theme: 'sepia',
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

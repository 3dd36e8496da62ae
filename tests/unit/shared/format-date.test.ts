import { describe, expect, test, vi } from 'vitest';
import { dateFormat, formatDate } from '@/components/shared/format';

describe('formatDate', () => {
  test('formats as toLocaleDateString does, for timestamps and ISO strings', () => {
    const when = Date.UTC(2024, 2, 15, 12);
    const expected = new Date(when).toLocaleDateString(undefined, { dateStyle: 'medium' });
    expect(formatDate(when)).toBe(expected);
    expect(formatDate(new Date(when).toISOString())).toBe(expected);
  });

  test('missing or unparseable dates give an empty string', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  test('builds one Intl.DateTimeFormat however many dates it formats', () => {
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const days = Array.from({ length: 50 }, (_, i) => Date.UTC(2024, 0, 1 + i));
      const first = days.map((d) => formatDate(d));
      const again = days.map((d) => formatDate(d));
      expect(again).toEqual(first);
      expect(new Set(first).size).toBe(50);
      expect(built.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      built.mockRestore();
    }
  });
});

describe('dateFormat', () => {
  test('reuses the instance for the same locale and options, not for others', () => {
    const medium = dateFormat('en', { dateStyle: 'medium' });
    expect(dateFormat('en', { dateStyle: 'medium' })).toBe(medium);
    expect(dateFormat('fr', { dateStyle: 'medium' })).not.toBe(medium);
    expect(dateFormat('en', { dateStyle: 'long' })).not.toBe(medium);
    const day = new Date(Date.UTC(2024, 6, 4, 12));
    expect(dateFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(day)).toBe('4 juillet 2024');
  });
});

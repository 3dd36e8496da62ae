import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { formatWordCount } from '@/components/shared/format';
import { tn } from '@/components/shared/i18n';
import { getMessageIn, loadMessages } from '../../support/i18n';

function useLocale(locale: string) {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    getMessageIn(locale) as typeof browser.i18n.getMessage,
  );
  vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => locale);
}

afterEach(() => useLocale('en'));

describe('plurals', () => {
  test('English: one for 1, other for the rest', () => {
    useLocale('en');
    expect(tn('libraryExportTitle', 1)).toBe('Export 1 article as one zip file');
    expect(tn('libraryExportTitle', 2)).toBe('Export 2 articles as one zip file');
    expect(tn('libraryExportTitle', 0)).toBe('Export 0 articles as one zip file');
    expect(tn('deleted', 1)).toBe('1 article deleted.');
    expect(formatWordCount(1)).toBe('1 word');
    expect(formatWordCount(12345)).toBe('12,345 words');
  });

  test('French: one for 0 and 1; the many category falls back to other', () => {
    useLocale('fr');
    expect(tn('resultCount', 0)).toBe('0 article');
    expect(tn('resultCount', 1)).toBe('1 article');
    expect(tn('resultCount', 2)).toBe('2 articles');
    expect(tn('selectedCount', 3)).toBe('3 sélectionnés');
    // 1 000 000 is "many" in French; the count is written the French way.
    expect(tn('resultCount', 1_000_000)).toBe(`${(1_000_000).toLocaleString('fr')} articles`);
  });

  test('every plural message has its one and other forms in every locale', () => {
    for (const locale of ['en', 'fr']) {
      const keys = Object.keys(loadMessages(locale));
      const bases = new Set(
        keys.filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_(one|other)$/, '')),
      );
      expect(bases.size).toBeGreaterThan(4);
      for (const base of bases) {
        expect(keys, `${locale} ${base}`).toContain(`${base}_one`);
        expect(keys, `${locale} ${base}`).toContain(`${base}_other`);
      }
    }
  });
});

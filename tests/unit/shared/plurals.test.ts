import { afterEach, describe, expect, test } from 'vitest';
import { errorMessage } from '@/components/shared/error-message';
import { formatWordCount } from '@/components/shared/format';
import { tn } from '@/components/shared/i18n';
import { loadMessages, useLocale } from '../../support/i18n';

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

  test('messages with counts agree with them in English and French', () => {
    const massChange = (before: number) =>
      errorMessage({ code: 'sync-mass-change', data: { deletions: before, additions: 0, before } });
    const rejected = (count: number) =>
      errorMessage({ code: 'sync-records-rejected', data: { count, detail: 'bad hlc' } });
    const incomplete = (count: number) =>
      errorMessage({
        code: 'backup-incomplete',
        data: { count, kind: 'article', index: 3, reason: 'no url' },
      });
    useLocale('en');
    expect(massChange(1)).toContain('delete 1 and add 0 of your 1 article.');
    expect(massChange(2)).toContain('delete 2 and add 0 of your 2 articles.');
    expect(rejected(1)).toMatch(/^1 synced record was refused/);
    expect(rejected(2)).toMatch(/^2 synced records were refused/);
    expect(incomplete(1)).toContain(': 1 record fails the checks, article 3: no url.');
    expect(incomplete(2)).toContain(': 2 records fail the checks, first article 3: no url.');
    expect(tn('countNewArticles', 1)).toBe('1 new article');
    expect(tn('importOrphans', 1)).toBe('1 not found in the text, kept with its quote and note');
    expect(tn('importOrphans', 2)).toBe('2 not found in the text, kept with their quote and note');
    useLocale('fr');
    expect(massChange(1)).toContain('bibliothèque (1 article), cette synchronisation en supprimerait 1');
    expect(massChange(2)).toContain('bibliothèque (2 articles)');
    expect(rejected(1)).toMatch(/^1 enregistrement synchronisé a été refusé car invalide/);
    expect(rejected(2)).toMatch(/^2 enregistrements synchronisés ont été refusés/);
    expect(incomplete(1)).toContain(' : 1 enregistrement échoue aux contrôles');
    expect(incomplete(2)).toContain(' : 2 enregistrements échouent aux contrôles');
    expect(tn('countNewArticles', 1)).toBe('1 nouvel article');
    expect(tn('countNewArticles', 2)).toBe('2 nouveaux articles');
    expect(tn('restoreSkipped', 1)).toBe('1 ignoré');
    expect(tn('restoreCopies', 2)).toBe('2 gardés en copie');
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

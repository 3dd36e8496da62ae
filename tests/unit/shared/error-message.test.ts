import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { errorMessage, storedErrorMessage } from '@/components/shared/error-message';
import { type AppError, ERROR_CODES, encodeError } from '@/utils/model';
import { getMessageIn, loadMessages } from '../../support/i18n';

// Data for any code: every field answers a value of its own, recognisable in the message, so a
// placeholder that does not reach the text (or reaches the wrong place) shows.
const SAMPLE_NUMBER = 7301;
function sampleData(): Record<string, string | number> {
  return new Proxy({} as Record<string, string | number>, {
    get: (_, key) =>
      typeof key !== 'string'
        ? undefined
        : [
              'status',
              'version',
              'count',
              'index',
              'seconds',
              'megabytes',
              'articles',
              'highlights',
              'days',
            ].some((n) => key.toLowerCase().includes(n))
          ? SAMPLE_NUMBER
          : `«${key}-value»`,
  });
}
const sample = (code: (typeof ERROR_CODES)[number]) => ({ code, data: sampleData() }) as unknown as AppError;

function renderIn(locale: 'en' | 'fr', error: AppError): string {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    getMessageIn(locale) as typeof browser.i18n.getMessage,
  );
  vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => locale);
  return errorMessage(error);
}

const messageKeys = new Set(Object.keys(loadMessages('en')));

afterEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    getMessageIn('en') as typeof browser.i18n.getMessage,
  );
  vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => 'en');
});

describe('every error code has a message in English and in French', () => {
  test.each(ERROR_CODES)('%s', (code) => {
    const en = renderIn('en', sample(code));
    const fr = renderIn('fr', sample(code));
    // t() answers the key itself when a locale lacks it: a real message is never a key name.
    for (const text of [en, fr]) {
      expect(text.trim(), code).not.toBe('');
      expect(messageKeys.has(text), `${code} shows a bare key`).toBe(false);
      expect(text, `${code} leaves a placeholder unfilled`).not.toMatch(/\$[A-Z_]+\$|\$\d/);
    }
    expect(fr, `${code} is not translated`).not.toBe(en);
    // Whatever data the English message shows, the French one shows too.
    for (const value of [`${SAMPLE_NUMBER}`, ...(en.match(/«[a-zA-Z]+-value»/g) ?? [])]) {
      // Numbers are grouped for the locale (7,301 / 7 301): compare without separators.
      const inEn = en.replace(/[\s,.]/g, '').includes(value);
      const inFr = fr.replace(/[\s,.]/g, '').includes(value);
      expect(inFr, `${code}: ${value} in English only`).toBe(inEn);
    }
  });

  test('no French error message is an English one', () => {
    const english = new Set(ERROR_CODES.map((code) => renderIn('en', sample(code))));
    const leaks = ERROR_CODES.map((code) => renderIn('fr', sample(code))).filter((fr) => english.has(fr));
    expect(leaks).toEqual([]);
  });
});

describe('sync errors in French', () => {
  // The engine's failures are codes with data (tests/unit/sync/error-codes.test.ts meets each for
  // real); here, the wordings whose data changes the sentence.
  test('a file that went back in time names its device, or says “this device” for its own', () => {
    const other = renderIn('fr', { code: 'sync-rolled-back', data: { device: 'Bureau' } });
    const own = renderIn('fr', { code: 'sync-rolled-back', data: { device: '' } });
    expect(other).toContain('« Bureau »');
    expect(own).toContain('cet appareil');
    expect(own).not.toContain('«  »');
  });

  test('a clock far ahead: the days as a French number, the device by its name', () => {
    expect(renderIn('fr', { code: 'sync-clock-ahead', data: { device: 'Portable', days: 1826 } })).toMatch(
      /^L’horloge de l’appareil « Portable » avance de 1\s826 jours/,
    );
  });

  test('no sync code carries text of Readmark’s own: only paths, names, numbers or the browser’s words', () => {
    const freeText = ERROR_CODES.filter((code) => code.startsWith('sync-')).filter((code) => {
      const text = renderIn('en', sample(code));
      return /«(detail|reason|message)-value»/.test(text);
    });
    // sync-unreachable: the browser's own words for a request that got no answer;
    // sync-records-rejected: the refused record's kind and id.
    expect(freeText.sort()).toEqual(['sync-records-rejected', 'sync-unreachable']);
  });
});

describe('errorMessage', () => {
  test('fills in the data: an English reader sees the numbers and names the code carries', () => {
    expect(errorMessage({ code: 'page-too-large', data: { megabytes: 10 } })).toBe(
      'the page is larger than 10 MB',
    );
    expect(errorMessage({ code: 'backup-not-list', data: { field: 'articles' } })).toBe(
      'This Readmark backup is damaged: "articles" is not a list.',
    );
    expect(errorMessage({ code: 'not-a-web-page', data: { type: '' } })).toBe(
      'not a web page (unknown type)',
    );
  });

  test('a French reader gets French, numbers formatted for French', () => {
    expect(renderIn('fr', { code: 'extract-timeout', data: { seconds: 10 } })).toMatch(
      /^La lecture de cette page a pris plus de 10 secondes/,
    );
    expect(
      renderIn('fr', {
        code: 'backup-incomplete',
        data: { count: 1200, kind: 'article', index: 3, reason: 'x' },
      }),
    ).toMatch(/^La sauvegarde ne s’importerait pas entièrement : 1\s200 enregistrement/);
  });

  test('a stored error is worded in the reader language; text stored before codes shows as it is', () => {
    const stored = encodeError({ code: 'site-status', data: { status: 404 } });
    expect(storedErrorMessage(stored)).toBe('the site answered 404');
    expect(renderIn('fr', JSON.parse(stored))).toBe('le site a répondu 404');
    expect(storedErrorMessage('the site answered 500')).toBe('the site answered 500');
  });
});

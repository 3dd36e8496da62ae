import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string): Messages =>
  JSON.parse(
    readFileSync(resolve(process.cwd(), `components/public/_locales/${locale}/messages.json`), 'utf8'),
  );

// English is the default locale; every other locale must say everything English says, with the
// same placeholders, or the browser silently shows English (or a broken $NAME$) for that string.
describe.each(['fr'])('locale %s', (locale) => {
  const en = load('en');
  const other = load(locale);

  test('has every English key and no other', () => {
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
  });

  test('uses the same placeholders as English in every message', () => {
    const names = (text: string) => [...new Set(text.match(/\$[A-Z_]+\$/g) ?? [])].sort();
    for (const [key, entry] of Object.entries(en)) {
      const translated = other[key];
      if (!translated) continue; // reported by the test above
      expect(names(translated.message), key).toEqual(names(entry.message));
      expect(translated.placeholders, key).toEqual(entry.placeholders);
      expect(translated.message.trim(), key).not.toBe('');
    }
  });
});

import { browser } from 'wxt/browser';

/** A key of _locales/en/messages.json (WXT generates the union, so a typo fails the type-check). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** Every UI string goes through the browser's i18n (_locales); the key itself shows if one is missing. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Keys that come in plural forms (`<base>_one`, `<base>_other`…): the base names. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

/**
 * A message with a count, in the right plural form for the UI language (Intl.PluralRules picks
 * the category: English one/other, French one for 0 and 1); a category a locale's messages do
 * not define falls back to `_other`. The count, formatted for the locale, is $1; `more` follow.
 */
export function tn(base: PluralKey, count: number, more: string[] = []): string {
  const locale = browser.i18n.getUILanguage();
  const substitutions = [count.toLocaleString(locale), ...more];
  const form = (category: string) =>
    browser.i18n.getMessage(`${base}_${category}` as MessageKey, substitutions);
  return form(pluralRules(locale).select(count)) || form('other') || base;
}

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let found = rules.get(locale);
  if (!found) {
    found = new Intl.PluralRules(locale);
    rules.set(locale, found);
  }
  return found;
}

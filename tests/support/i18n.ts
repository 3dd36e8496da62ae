import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { browser } from 'wxt/browser';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const cache = new Map<string, Messages>();

/** A locale's messages.json, as the extension ships it. */
export function loadMessages(locale: string): Messages {
  let messages = cache.get(locale);
  if (!messages) {
    const file = resolve(process.cwd(), `components/public/_locales/${locale}/messages.json`);
    messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;
    cache.set(locale, messages);
  }
  return messages;
}

/**
 * browser.i18n.getMessage as the browser does it, over one locale's messages: named placeholders
 * become their content, then $1…$9 the substitutions; '' for an unknown key.
 */
export function getMessageIn(locale: string) {
  return (key: string, substitutions?: string | string[]): string => {
    const entry = loadMessages(locale)[key];
    if (!entry) return '';
    const subs =
      substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? placeholder.content : whole;
    });
    return named.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '').replace(/\$\$/g, '$');
  };
}

/** Makes the fake browser speak `locale` (its messages and UI language) for the rest of the test. */
export function useLocale(locale: string): void {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    getMessageIn(locale) as typeof browser.i18n.getMessage,
  );
  vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => locale);
}

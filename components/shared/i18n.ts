import { browser } from 'wxt/browser';

/** A key of _locales/en/messages.json (WXT generates the union, so a typo fails the type-check). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** Every UI string goes through the browser's i18n (_locales); the key itself shows if one is missing. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

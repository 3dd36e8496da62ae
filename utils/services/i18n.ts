import { browser } from 'wxt/browser';

/** A key of _locales/en/messages.json (WXT generates the union, so a typo fails the type-check). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/**
 * What services write for the reader (file wording, colour names, the menu's title, messages) in
 * the browser's UI language; the key itself shows if one is missing. The services' own lookup:
 * components/shared/i18n.ts is the UI's (with plural forms), which the in-page toolbar uses too and
 * which must not pull this room (and its database code) into the content script.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

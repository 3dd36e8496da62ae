import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessageIn } from './support/i18n';

// Runs before every unit test file. Workers are shared between files (`isolate: false`,
// vitest.config.ts), so this gives each file what a fresh worker would: our own modules evaluated
// anew (packages stay loaded: that is the time saved), an empty IndexedDB, a fake browser with no
// stored data, alarms or listeners, real timers, no spies or stubbed globals left by the previous
// file, and an empty document.
vi.resetModules();
vi.restoreAllMocks();
vi.unstubAllEnvs();
vi.useRealTimers();
const indexedDB = new IDBFactory();
globalThis.indexedDB = indexedDB;
Dexie.dependencies.indexedDB = indexedDB;
fakeBrowser.reset();
if (typeof document !== 'undefined') {
  document.head.replaceChildren();
  document.body.replaceChildren();
  for (const { name } of [...document.documentElement.attributes])
    document.documentElement.removeAttribute(name);
  for (const { name } of [...document.body.attributes]) document.body.removeAttribute(name);
  localStorage.clear();
  sessionStorage.clear();
}

// WXT's fake browser has no i18n: give it the English messages, read as the browser reads them,
// so code under test shows the strings a reader sees (a test may switch locale with its own spy).
vi.spyOn(browser.i18n, 'getMessage').mockImplementation(getMessageIn('en') as typeof browser.i18n.getMessage);
vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => 'en');

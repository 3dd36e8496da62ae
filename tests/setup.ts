import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import { getMessageIn } from './support/i18n';

// WXT's fake browser has no i18n: give it the English messages, read as the browser reads them,
// so code under test shows the strings a reader sees (a test may switch locale with its own spy).
vi.spyOn(browser.i18n, 'getMessage').mockImplementation(getMessageIn('en') as typeof browser.i18n.getMessage);
vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => 'en');

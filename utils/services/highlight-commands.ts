import { browser } from 'wxt/browser';
import { sendToTab } from '@/utils/messaging';
import { CONTENT_SCRIPT_FILE } from './content-script-file';
import { t } from './i18n';

const MENU_ID = 'readmark-highlight-selection';

/**
 * "Highlight selection" from the context menu and the keyboard shortcut. Both grant activeTab,
 * so the content script can be injected on demand, as the toolbar button does.
 */
export function setUpHighlightCommands() {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: MENU_ID, title: t('menuHighlightSelection'), contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab?.id) void highlightInTab(tab.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'highlight-selection' && tab?.id) void highlightInTab(tab.id);
  });
}

async function highlightInTab(tabId: number) {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
  } catch {
    return; // A page no extension may touch: the menu and shortcut have nothing to say it on.
  }
  await sendToTab(tabId, 'highlightSelection', {});
}

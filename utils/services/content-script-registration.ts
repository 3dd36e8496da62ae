import { browser } from 'wxt/browser';
import { AUTO_REPAINT_ORIGINS } from './auto-repaint';
import { CONTENT_SCRIPT_FILE } from './content-script-file';

const SCRIPT_ID = 'readmark-auto-repaint';

/**
 * The background's half of auto-repaint (the setting and its origins: ./auto-repaint):
 * keeps the content script registered on every page exactly while the reader has granted the
 * optional host access (granted from the library's settings, revocable in the browser).
 */
export function setUpAutoRepaint() {
  const sync = () => void syncRegistration();
  browser.runtime.onStartup.addListener(sync);
  browser.runtime.onInstalled.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}

async function syncRegistration() {
  const granted = await browser.permissions.contains({ origins: AUTO_REPAINT_ORIGINS });
  const registered = (await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] })).length > 0;
  if (granted && !registered) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        js: [CONTENT_SCRIPT_FILE],
        matches: AUTO_REPAINT_ORIGINS,
        runAt: 'document_idle',
      },
    ]);
  } else if (!granted && registered) {
    await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  }
}

import { beforeEach, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setUpAutoRepaint } from '@/utils/services';

// The content script is registered on every page exactly while the optional host access is granted.
let granted = false;
let registered: string[] = [];
/** The listener each browser event got, so the test can fire the events. */
const listeners = new Map<string, () => unknown>();
beforeEach(() => {
  fakeBrowser.reset();
  granted = false;
  registered = [];
  listeners.clear();
  const events = {
    startup: browser.runtime.onStartup,
    installed: browser.runtime.onInstalled,
    added: browser.permissions.onAdded,
    removed: browser.permissions.onRemoved,
  };
  for (const [name, event] of Object.entries(events)) {
    vi.spyOn(event, 'addListener').mockImplementation((listener: () => unknown) =>
      listeners.set(name, listener),
    );
  }
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => granted);
  vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockImplementation(
    async () => registered.map((id) => ({ id })) as never,
  );
  vi.spyOn(browser.scripting, 'registerContentScripts').mockImplementation(async (scripts) => {
    registered.push(...scripts.map((s) => s.id));
  });
  vi.spyOn(browser.scripting, 'unregisterContentScripts').mockImplementation(async () => {
    registered = [];
  });
});

const fire = async (name: string) => {
  listeners.get(name)?.();
  await new Promise((resolve) => setTimeout(resolve, 10));
};

test('granting registers the page script for every http(s) page, revoking unregisters it', async () => {
  setUpAutoRepaint();
  await fire('startup');
  expect(registered).toEqual([]);

  granted = true;
  await fire('added');
  expect(registered).toEqual(['readmark-auto-repaint']);
  expect(browser.scripting.registerContentScripts).toHaveBeenCalledWith([
    expect.objectContaining({ js: ['/content-scripts/content.js'], matches: ['http://*/*', 'https://*/*'] }),
  ]);

  // A second event while registered does not register twice.
  await fire('installed');
  expect(registered).toEqual(['readmark-auto-repaint']);

  granted = false;
  await fire('removed');
  expect(registered).toEqual([]);
});

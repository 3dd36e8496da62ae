import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { attachRealPopup, saveThroughPopup } from './real-popup';

// Settings are one click away from every surface, and the keyboard shortcuts are registered with
// the browser and listed there.
describe('settings and shortcuts', () => {
  const env = useExtensionBrowser();
  const optionsUrl = () => env.browser.extensionUrl('/options.html');

  /** Runs `click`, then waits for the options page to be open in some tab, and closes it. */
  async function opensSettings(click: () => Promise<unknown>): Promise<void> {
    const open = () => env.browser.context.pages().find((p) => p.url().startsWith(optionsUrl()));
    await open()?.close();
    await click();
    await expect.poll(() => Boolean(open()), { timeout: 10_000 }).toBe(true);
    const options = open()!;
    await options.locator('h1').waitFor();
    await options.close();
  }

  test('the browser has both shortcuts: open the popup, highlight the selection', async () => {
    const commands = await env.browser.sw.evaluate(() => chrome.commands.getAll());
    const byName = Object.fromEntries(commands.map((c) => [c.name, c.shortcut]));
    expect(byName._execute_action).toBe('Alt+Shift+S');
    expect(byName['highlight-selection']).toBe('Alt+Shift+H');

    const options = await env.browser.open(optionsUrl());
    const listed = options.locator('#shortcuts-browser');
    await expect.poll(() => listed.textContent()).toContain('Alt+Shift+S');
    expect(await listed.textContent()).toContain('Alt+Shift+H');
    expect(await listed.textContent()).toContain('Open Readmark on this page');
    expect(await options.locator('#shortcuts-reader').textContent()).toContain('Listen');
    await options.close();
  });

  test('popup, library and reader each open the settings', async () => {
    const url = `${env.server.origin}/pages/news-article.html`;
    await saveThroughPopup(env.browser, url);

    const page = await env.browser.open(url);
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('.settings-link')`);
    // Clicked after the evaluation returns: the popup closes itself once the settings open.
    await opensSettings(() =>
      popup.evaluate(`setTimeout(() => document.querySelector('.settings-link').click(), 0), true`),
    );
    // Not popup.close(): the popup is gone, and a call into a closed target is never answered.
    await page.close();

    const library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    await opensSettings(() => library.click('.settings-link'));
    const [meta] = await readStore<{ id: string }>(library, 'articles');
    await library.close();

    const reader: Page = await env.browser.open(env.browser.extensionUrl(`/reader.html?id=${meta!.id}`));
    await opensSettings(() => reader.click('.settings-link'));
    await reader.close();
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSeedPage, hasSeed } from '../support/seed-page';
import { type ExtensionBrowser, launchWithExtension } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { attachRealPopup } from './real-popup';

// The page this project started from, built at test time from ../shared/seed (not in the repo).
describe.skipIf(!hasSeed)('the seed news page', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('saved through the toolbar, the article holds every article paragraph', async () => {
    const seed = buildSeedPage();
    server.route('/seed/myanmar-fraud.html', seed.html);
    const page = await browser.open(`${server.origin}/seed/myanmar-fraud.html`);
    await browser.clickToolbarButton(page);
    const popup = await attachRealPopup(browser);
    await popup.waitFor(`document.querySelector('#save')`);
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
    await popup.close();

    const library = await browser.open(browser.extensionUrl('/library.html'));
    const [content] = await readStore<{ textContent: string }>(library, 'contents');
    const text = content!.textContent.replace(/\s+/g, ' ');
    for (const paragraph of seed.paragraphs) expect(text).toContain(paragraph.replace(/\s+/g, ' '));
    await library.close();
  });
});

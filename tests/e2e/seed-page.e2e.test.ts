import { describe, expect, test } from 'vitest';
import { buildSeedPage, hasSeed } from '../support/seed-page';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { attachRealPopup } from './real-popup';

// The page this project started from, built at test time from ../shared/seed (not in the repo).
describe.skipIf(!hasSeed)('the seed news page', () => {
  const env = useExtensionBrowser();

  test('saved through the toolbar, the article holds every article paragraph', async () => {
    const seed = buildSeedPage();
    env.server.route('/seed/myanmar-fraud.html', seed.html);
    const page = await env.browser.open(`${env.server.origin}/seed/myanmar-fraud.html`);
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#save')`);
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
    await popup.close();

    const library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    const [content] = await readStore<{ textContent: string }>(library, 'contents');
    const text = content!.textContent.replace(/\s+/g, ' ');
    for (const paragraph of seed.paragraphs) expect(text).toContain(paragraph.replace(/\s+/g, ' '));
    await library.close();
  });
});

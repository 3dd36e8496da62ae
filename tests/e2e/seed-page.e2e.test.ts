import { describe, expect, test } from 'vitest';
import { hasSeed, loadSeedPage } from '../support/seed-page';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { saveThroughPopup } from './real-popup';

// The page this project started from, built at test time from ../shared/seed (not in the repo).
describe.skipIf(!hasSeed)('the seed news page', () => {
  const env = useExtensionBrowser();

  test('saved through the toolbar, the article holds every article paragraph', async () => {
    const seed = loadSeedPage();
    env.server.route('/seed/myanmar-fraud.html', seed.html);
    await saveThroughPopup(env.browser, `${env.server.origin}/seed/myanmar-fraud.html`);

    const [content] = await readStore<{ textContent: string }>(env.browser.sw, 'contents');
    const text = content!.textContent.replace(/\s+/g, ' ');
    for (const paragraph of seed.paragraphs) expect(text).toContain(paragraph.replace(/\s+/g, ' '));
  });
});

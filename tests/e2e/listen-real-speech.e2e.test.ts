import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { highlightText } from './fake-speech';
import { readStore } from './idb';
import { saveThroughPopup } from './real-popup';
import { speechEngineMissing } from './speech-engine';

const missing = speechEngineMissing();
if (missing) console.warn(`[listen-real-speech] skipped: ${missing} (see README "Listening")`);

// The sentence mark follows the real engine: speech-dispatcher on Linux sends utterance start and
// end but no word boundaries, so this is the path most Linux readers get.
describe.skipIf(missing !== null)('reader: Listen with a real speech engine', () => {
  const env = useExtensionBrowser(['--enable-speech-dispatcher']);

  test('the marked sentence moves on as the engine finishes each one', async () => {
    await saveThroughPopup(env.browser, `${env.server.origin}/pages/news-article.html`);
    const library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    const [meta] = await readStore<{ id: string }>(library, 'articles');
    await library.close();
    const page = await env.browser.open(env.browser.extensionUrl(`/reader.html?id=${meta!.id}`));
    // Chromium starts speech-dispatcher on first use; its voices arrive seconds later.
    await expect
      .poll(() => page.evaluate(() => speechSynthesis.getVoices().length), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.click('#listen-toggle');
    await page.selectOption('#listen-speed', '2');

    const articleText = ((await page.locator('.reader-content').textContent()) ?? '').replace(/\s+/g, ' ');
    const seen: string[] = [];
    const deadline = Date.now() + 40_000;
    while (seen.length < 3 && Date.now() < deadline) {
      const marked = (await page.evaluate(highlightText, 'readmark-listen-sentence')).replace(/\s+/g, ' ');
      if (marked && marked !== seen.at(-1)) seen.push(marked);
      await page.waitForTimeout(50);
    }
    // Three sentences in turn, each the article's own text, each after the one before.
    expect(seen.length, `marked: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(3);
    const at = seen.map((sentence) => articleText.indexOf(sentence));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(new Set(at).size).toBe(at.length);
    await page.click('#listen-close');
    await page.close();
  });
});

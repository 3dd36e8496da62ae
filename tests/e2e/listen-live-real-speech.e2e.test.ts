import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import {
  articleParagraphs,
  contentWorld,
  listenFromPopup,
  newsPage,
  speech,
  squash,
} from './listen-live-page';
import { speechEngineMissing } from './speech-engine';

const missing = speechEngineMissing();
if (missing) console.warn(`[listen-live-real-speech] skipped: ${missing} (see README "Listening")`);

// Listen on the live page with the real engine (speech-dispatcher + espeak-ng, which sends no word
// boundaries on Linux): the sentence mark follows the engine's utterance start and end alone,
// through a 3,000-word article.
describe.skipIf(missing !== null)('live page: Listen with a real speech engine', () => {
  const env = useExtensionBrowser(['--enable-speech-dispatcher']);

  test('the marked sentence on the page moves on, in order, as the engine finishes each one', async () => {
    const paragraphs = articleParagraphs(3000, 11);
    env.server.route('/live/real-speech.html', newsPage(paragraphs));
    const page = await env.browser.open(`${env.server.origin}/live/real-speech.html`);
    // Chromium starts speech-dispatcher on first use; its voices arrive seconds later.
    await expect
      .poll(() => page.evaluate(() => speechSynthesis.getVoices().length), { timeout: 30_000 })
      .toBeGreaterThan(0);
    let marks: (() => Promise<{ sentence: string }>) | undefined;
    await listenFromPopup(env.browser, page, async () => {
      marks = speech(await contentWorld(page, env.browser.extensionId)).marks;
    });

    const article = squash(paragraphs.join(' '));
    const seen: string[] = [];
    const deadline = Date.now() + 45_000;
    while (seen.length < 4 && Date.now() < deadline) {
      const marked = squash((await marks!()).sentence);
      if (marked && marked !== seen.at(-1)) seen.push(marked);
      await page.waitForTimeout(50);
    }
    // Sentences in turn, each the article's own text, each after the one before (the title and
    // byline, which extraction keeps, may come first: they are not in `article`).
    const inArticle = seen.filter((sentence) => article.includes(sentence));
    expect(inArticle.length, `marked: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(3);
    const at = inArticle.map((sentence) => article.indexOf(sentence));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(new Set(at).size).toBe(at.length);
    await page.close();
  }, 120_000);
});

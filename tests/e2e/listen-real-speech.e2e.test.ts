import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { highlightText } from './fake-speech';
import { readStore } from './idb';
import {
  articleParagraphs,
  contentWorld,
  listenFromPopup,
  newsPage,
  speech,
  squash,
} from './listen-live-page';
import { saveThroughPopup } from './real-popup';
import { speechEngineMissing } from './speech-engine';

const missing = speechEngineMissing();
if (missing) console.warn(`[listen-real-speech] skipped: ${missing} (see README "Listening")`);

// Listen with the real engine (speech-dispatcher + espeak-ng), on the live page and in the reader.
// speech-dispatcher on Linux sends utterance start and end but no word boundaries, so the sentence
// mark follows those alone: the path most Linux readers get. One file, one browser: the machine
// has one speech-dispatcher, and two browsers speaking at once would delay each other's
// utterances; the browser connects to it and gets its voices once.
describe.skipIf(missing !== null)('Listen with a real speech engine', () => {
  const env = useExtensionBrowser(['--enable-speech-dispatcher']);

  // First, at the default speed (the reader's test below chooses 2×, which Listen keeps).
  test('live page: the marked sentence moves on, in order, as the engine finishes each one', async () => {
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

  test('reader: the marked sentence moves on as the engine finishes each one', async () => {
    await saveThroughPopup(env.browser, `${env.server.origin}/pages/news-article.html`);
    const library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    const meta = (await readStore<{ id: string; url: string }>(library, 'articles')).find((a) =>
      a.url.endsWith('/pages/news-article.html'),
    );
    await library.close();
    const page = await env.browser.open(env.browser.extensionUrl(`/reader.html?id=${meta!.id}`));
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

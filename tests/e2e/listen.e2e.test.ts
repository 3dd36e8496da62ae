import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { highlightText, installFakeSpeech } from './fake-speech';
import { readStore } from './idb';
import { saveThroughPopup } from './real-popup';

interface Spoken {
  text: string;
  lang: string;
  rate: number;
  voice: string | null;
}

const SENTENCE = 'readmark-listen-sentence';
const WORD = 'readmark-listen-word';

// Listen in the reader, driven through its UI and keyboard, with a scripted speech engine (the
// real one's timing cannot be controlled; listen-real-speech.e2e.test.ts covers that).
describe('reader: Listen', () => {
  const env = useExtensionBrowser();
  let articleId = '';

  async function openReader(noVoices = false): Promise<Page> {
    if (!articleId) {
      await saveThroughPopup(env.browser, `${env.server.origin}/pages/news-article.html`);
      articleId = (await readStore<{ id: string }>(env.browser.sw, 'articles'))[0]!.id;
    }
    const page = await env.browser.context.newPage();
    await page.addInitScript(installFakeSpeech, { noVoices });
    await page.goto(env.browser.extensionUrl(`/reader.html?id=${articleId}`));
    await page.locator('.reader-content p').first().waitFor();
    return page;
  }

  const spoken = (page: Page) =>
    page.evaluate(() => (window as unknown as { __speech: { spoken: Spoken[] } }).__speech.spoken);
  const lastSpoken = async (page: Page) => (await spoken(page)).at(-1)!;
  const marked = (page: Page, name: string) => page.evaluate(highlightText, name);
  const engine = (page: Page, action: 'end' | ['boundary', number, number]) =>
    page.evaluate((a) => {
      const speech = (
        window as unknown as { __speech: { end(): void; boundary(i: number, l: number): void } }
      ).__speech;
      if (a === 'end') speech.end();
      else speech.boundary(a[1], a[2]);
    }, action);

  test('reads sentence by sentence, marking the sentence and word without touching the article', async () => {
    const page = await openReader();
    const before = await page.locator('.reader-content').innerHTML();
    await page.click('#listen-toggle');
    await expect.poll(() => marked(page, SENTENCE)).not.toBe('');
    const first = await lastSpoken(page);
    expect(first.lang).toBe('en');
    expect(first.voice).toBe('fake:en-us');
    // The sentence marked is the sentence spoken, and it is the article's first.
    expect(await marked(page, SENTENCE)).toBe(first.text);
    const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
    const articleText = squash(await page.locator('.reader-content').textContent());
    expect(
      articleText.startsWith(squash(first.text)),
      `${first.text} opens ${articleText.slice(0, 200)}`,
    ).toBe(true);

    // A word boundary marks that word inside the sentence.
    const word = first.text.split(' ')[1]!;
    await engine(page, ['boundary', first.text.indexOf(word), word.length]);
    await expect.poll(() => marked(page, WORD)).toBe(word);

    // The engine ends the sentence: the next is spoken and marked, the word mark goes.
    await engine(page, 'end');
    await expect.poll(async () => (await spoken(page)).length).toBe(2);
    const second = await lastSpoken(page);
    expect(second.text).not.toBe(first.text);
    await expect.poll(() => marked(page, SENTENCE)).toBe(second.text);
    await expect.poll(() => marked(page, WORD)).toBe('');

    // Keyboard: ] next sentence, } next paragraph, [ back.
    await page.keyboard.press(']');
    await expect.poll(async () => (await spoken(page)).length).toBe(3);
    await page.keyboard.press('}');
    await expect.poll(async () => (await spoken(page)).length).toBe(4);
    const paragraphStart = (await lastSpoken(page)).text;
    const paragraphs = await page.locator('.reader-content p').allInnerTexts();
    expect(paragraphs.some((p, i) => i > 0 && p.startsWith(paragraphStart))).toBe(true);
    await expect.poll(() => marked(page, SENTENCE)).toBe(paragraphStart);

    expect(await page.locator('.reader-content').innerHTML()).toBe(before);
    await page.close();
  });

  test('pause, speed and voice are kept, and reopening resumes at the same sentence', async () => {
    const page = await openReader();
    await page.click('#listen-toggle');
    await expect.poll(async () => (await spoken(page)).length).toBe(1);
    // Listening picks up where the previous test stopped is not assumed: move on three sentences.
    for (let i = 0; i < 3; i++) await page.click('#listen-next-sentence');
    await expect.poll(async () => (await spoken(page)).length).toBe(4);
    const stoppedAt = (await lastSpoken(page)).text;

    await page.keyboard.press('l');
    await expect(page.locator('#listen-play').textContent()).resolves.toBe('Play');
    await page.selectOption('#listen-speed', '1.5');
    await page.selectOption('#listen-voice', 'fake:en-gb');
    expect(await page.locator('#listen-voice option').allInnerTexts()).toEqual([
      'Fake English',
      'Fake British',
    ]);
    // Paused: neither change speaks.
    expect(await spoken(page)).toHaveLength(4);
    await page.click('#listen-play');
    expect(await lastSpoken(page)).toMatchObject({ text: stoppedAt, rate: 1.5, voice: 'fake:en-gb' });
    // The reader stores speed, voice and position as they change, without waiting for the write:
    // wait for the stored records before closing (closed at once, the page took its writes with it).
    await expect
      .poll(async () => {
        const rows = await readStore<{ key: string; value: Record<string, unknown> }>(page, 'settings');
        const reader = rows.find((row) => row.key === 'reader')?.value;
        const positions = rows.find((row) => row.key === 'listenPositions')?.value as
          | Record<string, { text: string }>
          | undefined;
        const position = positions?.[articleId]?.text ?? '';
        return {
          rate: reader?.speechRate,
          voice: JSON.stringify(reader?.voices ?? null).includes('fake:en-gb'),
          position: position !== '' && stoppedAt.startsWith(position),
        };
      })
      .toEqual({ rate: 1.5, voice: true, position: true });
    await page.close();

    const again = await openReader();
    await again.click('#listen-toggle');
    await expect.poll(async () => (await spoken(again)).length).toBe(1);
    expect(await lastSpoken(again)).toMatchObject({ text: stoppedAt, rate: 1.5, voice: 'fake:en-gb' });
    await expect.poll(() => marked(again, SENTENCE)).toBe(stoppedAt);
    expect(await again.locator('#listen-speed').inputValue()).toBe('1.5');

    // On the dark theme the icons are drawn in the buttons' light text colour.
    await again.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => again.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const icons = await again.evaluate(() =>
      [...document.querySelectorAll('#listen-bar button svg path')].map((path) => ({
        fill: getComputedStyle(path).fill,
        text: getComputedStyle(path.closest('button')!).color,
      })),
    );
    expect(icons).toHaveLength(4);
    for (const { fill, text } of icons) {
      expect(fill).toBe(text);
      const [r, g, b] = fill.match(/\d+/g)!.map(Number);
      expect(r! + g! + b!).toBeGreaterThan(500);
    }
    await again.close();
  });

  test('a browser without voices says so plainly', async () => {
    const page = await openReader(true);
    await page.click('#listen-toggle');
    const message = page.locator('#listen-bar [role="status"]');
    await expect.poll(() => message.textContent(), { timeout: 5000 }).toContain('no voices');
    expect(await page.locator('#listen-play').count()).toBe(0);
    await page.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import {
  articleParagraphs,
  type ContentWorld,
  contentWorld,
  FURNITURE_WORDS,
  listenFromPopup,
  newsPage,
  speech,
  squash,
} from './listen-live-page';

// Listen on the live page (issue 18), with the scripted speech engine installed in the content
// script's isolated world: sentences end when the test says, word boundaries arrive only when it
// sends them (as on Linux, where speech-dispatcher sends none).
describe('live page: Listen', () => {
  const env = useExtensionBrowser();
  const long = articleParagraphs(3000, 7);

  /** Opens the page, starts Listen from the popup with the fake engine in place. */
  async function listenOn(path: string, html: string): Promise<{ page: Page; world: ContentWorld }> {
    env.server.route(path, html);
    const page = await env.browser.open(`${env.server.origin}${path}`);
    let world: ContentWorld | undefined;
    await listenFromPopup(env.browser, page, async () => {
      world = await contentWorld(page, env.browser.extensionId);
      await speech(world).install();
    });
    return { page, world: world! };
  }

  test('reads the article only, marking each sentence from utterance start and end, page untouched, no network', async () => {
    const { page, world } = await listenOn('/live/long.html', newsPage(long));
    const s = speech(world);
    // Every change to the page's DOM from here on, except our own host element's.
    await page.evaluate(() => {
      const records: string[] = [];
      (window as unknown as { __mutations: string[] }).__mutations = records;
      new MutationObserver((list) => {
        for (const r of list)
          if (!(r.target instanceof Element && r.target.localName === 'readmark-ui'))
            records.push(`${r.type} ${(r.target as Element).nodeName}`);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const requests: string[] = [];
    env.browser.context.on('request', (request) => requests.push(request.url()));

    await expect.poll(() => s.count(), { timeout: 15_000 }).toBe(1);
    const expected = squash(long.join(' '));
    let heard = '';
    let mismatches = 0;
    let sentences = 0;
    for (;;) {
      const spoken = await s.spoken();
      const last = spoken.at(-1)!;
      if (spoken.length !== sentences + 1) break; // the end: no new utterance after end()
      sentences++;
      const marks = await s.marks();
      if (squash(marks.sentence) !== squash(last.text)) mismatches++;
      heard += ` ${last.text}`;
      await s.end();
    }
    heard = squash(heard);
    console.log(
      `live Listen: ${sentences} sentences of a ${long.join(' ').split(' ').length}-word article, ${mismatches} marked wrong`,
    );
    expect(mismatches).toBe(0);
    // The article's title and byline are part of what extraction keeps; the paragraphs all are, in order.
    expect(heard.endsWith(expected)).toBe(true);
    for (const word of FURNITURE_WORDS) expect(heard).not.toContain(word);
    expect(await page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations)).toEqual(
      [],
    );
    expect(requests).toEqual([]);
    await world.detach();
    await page.close();
  });

  test('marks the spoken word from boundary events (with and without their length)', async () => {
    const { page, world } = await listenOn('/live/words.html', newsPage(long.slice(0, 12)));
    const s = speech(world);
    await expect.poll(() => s.count(), { timeout: 15_000 }).toBe(1);
    let events = 0;
    let within = 0;
    for (let n = 0; n < 40; n++) {
      const text = (await s.spoken()).at(-1)!.text;
      for (const match of text.matchAll(/[\p{L}\p{N}'’-]+/gu)) {
        const word = match[0];
        // Half the events carry no charLength, as some engines send them.
        await s.boundary(match.index, events % 2 ? word.length : 0);
        events++;
        if ((await s.marks()).word === word) within++;
      }
      await s.end();
      await expect.poll(() => s.count()).toBe(n + 2);
    }
    console.log(`live Listen word marking: ${within}/${events} boundary events marked the spoken word`);
    expect(within / events).toBeGreaterThanOrEqual(0.99);
    await world.detach();
    await page.close();
  });

  test('read from here: a click on a word starts the voice there within 300 ms', async () => {
    const { page, world } = await listenOn('/live/click.html', newsPage(long.slice(0, 20)));
    const s = speech(world);
    await expect.poll(() => s.count(), { timeout: 15_000 }).toBe(1);
    const latencies: number[] = [];
    for (const paragraph of [3, 9, 15]) {
      // A word in the middle of a paragraph, and where it is on screen.
      const target = await page.evaluate((index) => {
        const p = document.querySelectorAll('article p:not(.byline)')[index]!;
        p.scrollIntoView({ block: 'center' });
        const node = [...p.childNodes].find((n) => n.nodeType === 3 && (n.textContent ?? '').length > 60)!;
        const text = node.textContent!;
        const start = text.indexOf(' ', 30) + 1;
        const end = text.indexOf(' ', start);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        const rect = range.getBoundingClientRect();
        window.addEventListener(
          'click',
          (event) => {
            (window as unknown as { __clickAt: number }).__clickAt = event.timeStamp;
          },
          { once: true, capture: true },
        );
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, word: text.slice(start, end) };
      }, paragraph);
      const before = await s.count();
      await page.mouse.click(target.x, target.y);
      await expect.poll(() => s.count()).toBe(before + 1);
      const spoken = (await s.spoken()).at(-1)!;
      expect(spoken.text.startsWith(target.word)).toBe(true);
      const clickAt = await page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt);
      latencies.push(spoken.at - clickAt);
    }
    console.log(
      `read from here: click to speech start ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms`,
    );
    for (const ms of latencies) expect(ms).toBeLessThanOrEqual(300);
    await world.detach();
    await page.close();
  });

  test("speaks at the speed and in the voice chosen in the reader's Listen", async () => {
    // What the reader's speed and voice menus store (raw IndexedDB, from the service worker).
    await env.browser.sw.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('readmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readwrite');
            tx.objectStore('settings').put({
              key: 'reader',
              value: { speechRate: 1.5, voices: { en: 'fake:en-gb' } },
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    const { page, world } = await listenOn('/live/preferences.html', newsPage(long.slice(0, 5)));
    const s = speech(world);
    await expect.poll(() => s.count(), { timeout: 15_000 }).toBe(1);
    expect(
      await world.evaluate('window.__speech.spoken.map(({ rate, voice }) => ({ rate, voice }))'),
    ).toEqual([{ rate: 1.5, voice: 'fake:en-gb' }]);
    await world.detach();
    await page.close();
  });

  test('resumes in the same sentence after a reload', async () => {
    const path = '/live/resume.html';
    const { page, world } = await listenOn(path, newsPage(long.slice(0, 20)));
    const s = speech(world);
    await expect.poll(() => s.count(), { timeout: 15_000 }).toBe(1);
    for (let i = 0; i < 6; i++) {
      await s.end();
      await expect.poll(() => s.count()).toBe(i + 2);
    }
    const stoppedAt = (await s.spoken()).at(-1)!.text;
    // The position goes to the background by message; give it a moment to be stored.
    await page.waitForTimeout(500);
    await world.detach();
    await page.reload();
    let again: ContentWorld | undefined;
    await listenFromPopup(env.browser, page, async () => {
      again = await contentWorld(page, env.browser.extensionId);
      await speech(again).install();
    });
    await expect.poll(() => speech(again!).count(), { timeout: 15_000 }).toBe(1);
    expect((await speech(again!).spoken())[0]!.text).toBe(stoppedAt);
    await expect.poll(async () => squash((await speech(again!).marks()).sentence)).toBe(squash(stoppedAt));
    await again!.detach();
    await page.close();
  });
});

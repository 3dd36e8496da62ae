/**
 * `npm run bench:scroll`: issue #18's "no task over 50 ms while scrolling a 10,000-word article".
 * Saves one generated 10,000-word article (own pseudo-prose, seeded) through the real storage code
 * in the built extension, opens it in the reader and traces the reader's main thread (Chromium
 * tracing) while it scrolls the whole article with the mouse wheel, then while line focus
 * (3 lines) steps down it with the keyboard; the same wheel scroll with line focus off is the
 * baseline of the same run. Prints every main-thread task over 50 ms (duration and CPU time: on a
 * loaded machine the OS can stretch a task's duration without the thread working).
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { ExtractedArticle } from '@/utils/model';
import { launchWithExtension } from '../e2e/browser';
import { type MainThreadTrace, traceMainThread } from '../e2e/main-thread-trace';
import { COMMON_WORDS, seededRandom } from './search-corpus';
import { pageScript } from './seed-bundle';

const WORDS = 10_000;

function longArticle(): ExtractedArticle {
  const random = seededRandom(7);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const glue = 'the of and to a in is that for it as was with on by at from this which'.split(' ');
  const paragraphs: string[] = [];
  const texts: string[] = [];
  let words = 0;
  while (words < WORDS) {
    if (paragraphs.length % 8 === 0)
      paragraphs.push(`<h2>Part ${paragraphs.length / 8 + 1}: ${pick(COMMON_WORDS)}</h2>`);
    const sentences: string[] = [];
    for (let s = 3 + Math.floor(random() * 4); s > 0; s--) {
      const length = 8 + Math.floor(random() * 16);
      const sentence = Array.from({ length }, () => (random() < 0.45 ? pick(glue) : pick(COMMON_WORDS)));
      words += length;
      sentences.push(`${sentence.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
    }
    texts.push(sentences.join(' '));
    paragraphs.push(`<p>${sentences.join(' ')}</p>`);
  }
  return {
    url: 'https://long-read.example/ten-thousand-words',
    title: 'Ten thousand words',
    byline: null,
    siteName: 'Long read',
    publishedTime: null,
    lang: 'en',
    dir: 'ltr',
    leadImage: null,
    canonicalUrl: 'https://long-read.example/ten-thousand-words',
    excerpt: texts[0]!.slice(0, 200),
    wordCount: words,
    readingTimeMinutes: Math.round(words / 230),
    contentHtml: paragraphs.join('\n'),
    textContent: texts.join('\n\n'),
    opening: texts[0]!.slice(0, 320),
    removed: [],
    isProbablyArticle: true,
    pageType: 'article',
  };
}

/** Scrolls from top to bottom with wheel steps of 300 px, one per frame-ish (as a wheel or trackpad). */
async function wheelThrough(page: Page) {
  await page.evaluate(() => scrollTo(0, 0));
  await page.mouse.move(500, 400);
  const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  for (let y = 0; y < height; y += 300) {
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(16);
  }
}

async function chooseLineFocus(page: Page, name: string) {
  await page.locator('#reader-settings-toggle').click();
  await page.getByRole('radio', { name }).check();
  await page.keyboard.press('Escape');
}

function describe(label: string, trace: MainThreadTrace): string {
  const tasks = trace.longTasks;
  const worst = tasks.reduce((a, t) => (t.ms > a.ms ? t : a), { ms: 0, cpuMs: 0 });
  const busy = tasks.filter((t) => t.cpuMs > 50);
  return `${label.padEnd(44)} tasks > 50 ms: ${String(tasks.length).padStart(3)}  (CPU > 50 ms: ${busy.length})  longest ${worst.ms} ms (CPU ${worst.cpuMs} ms)`;
}

const browser = await launchWithExtension();
try {
  const library = await browser.open(browser.extensionUrl('/library.html'));
  await library.evaluate(await pageScript('tests/check/layout-seed.ts'));
  const article = longArticle();
  const ids = await library.evaluate(
    (list) =>
      (
        globalThis as unknown as { readmarkSaveAll: (a: unknown) => Promise<Record<string, string>> }
      ).readmarkSaveAll(list),
    [{ name: 'long', article }],
  );
  await library.close();

  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(browser.extensionUrl(`/reader.html?id=${ids.long}`));
  await page.locator('.reader-content p').last().waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(1000); // the reader's start-up work (anchoring, contents) is not scrolling

  const trace = (action: () => Promise<void>) =>
    traceMainThread(browser.context, page, browser.extensionId, action);
  console.log(
    `scroll bench: one article of ${article.wordCount} words; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(describe('wheel scroll, line focus off (baseline)', await trace(() => wheelThrough(page))));
  await chooseLineFocus(page, '3 lines');
  await page.locator('.line-focus').waitFor();
  console.log(describe('wheel scroll, line focus 3 lines', await trace(() => wheelThrough(page))));
  await page.evaluate(() => scrollTo(0, 0));
  console.log(
    describe(
      'line focus, 200 ArrowDown steps',
      await trace(async () => {
        for (let step = 0; step < 200; step++) {
          await page.keyboard.press('ArrowDown');
          await page.waitForTimeout(16);
        }
      }),
    ),
  );
  console.log(`load average now ${loadavg()[0]!.toFixed(1)}`);
} finally {
  await browser.close();
}

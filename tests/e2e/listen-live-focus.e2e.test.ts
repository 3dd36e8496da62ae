import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import {
  articleLines,
  articleParagraphs,
  type ContentWorld,
  contentWorld,
  focusPageUi,
  listenFromPopup,
  newsPage,
  speech,
} from './listen-live-page';
import { traceMainThread } from './main-thread-trace';
import { byClass, pageUiCenter, pageUiText } from './page-ui';

const ARTICLE = 'article p:not(.byline)';
type LineBox = { top: number; bottom: number };

/**
 * Layouts of our own article: type size, line height, measure, fonts, inline markup. Ten by
 * default (each size, line height, font and margin appears in them), twenty with
 * `LINE_FOCUS_LAYOUTS=20`.
 */
const LAYOUTS = Array.from({ length: Number(process.env.LINE_FOCUS_LAYOUTS ?? 10) }, (_, i) => {
  const size = 14 + (i % 6) * 2;
  const leading = [1.2, 1.4, 1.6, 1.8, 2][i % 5];
  const width = 18 + ((i * 7) % 30);
  const font = ['Georgia, serif', 'sans-serif', 'monospace', 'system-ui'][i % 4];
  return `body { font: ${size}px/${leading} ${font}; max-width: ${width}rem; } p { margin: ${i % 3}em 0; }`;
});

// Line focus on the live page (issue 18): with reduced motion (no transition, instant scroll),
// each ArrowDown moves the focus band exactly one rendered line of the article, the lines being
// measured here independently with getClientRects.
describe('live page: line focus', () => {
  const env = useExtensionBrowser();

  test(`one keyboard step moves one rendered line, on ${LAYOUTS.length} article layouts`, {
    timeout: 300_000,
  }, async () => {
    const failures: string[] = [];
    let steps = 0;
    for (const [i, style] of LAYOUTS.entries()) {
      const path = `/focus/${i}.html`;
      env.server.route(path, newsPage(articleParagraphs(500, 11 + i, 40 + (i % 4) * 15), style));
      const page = await env.browser.open(`${env.server.origin}${path}`);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      let world: ContentWorld | undefined;
      await listenFromPopup(env.browser, page, async () => {
        world = await contentWorld(page, env.browser.extensionId);
        await speech(world).install();
      });
      await expect.poll(() => speech(world!).count(), { timeout: 15_000 }).toBe(1);
      // Pause the voice (the focus then moves by keys only), choose "1 line", and leave the select.
      await focusPageUi(page, 'listen-play');
      await page.keyboard.press('Enter');
      await focusPageUi(page, 'line-focus');
      await page.keyboard.press('ArrowDown');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

      const lineCount = (await page.evaluate(articleLines, ARTICLE)).length;
      // Where the band is, as the line of the article its centre falls on (-1: between lines,
      // -2: no band), read until two readings agree: a reading is the band's box, the scroll and
      // the article's lines measured afresh, so a late render, scroll or reflow is waited out
      // rather than mistaken for a step.
      const reading = async () => {
        const band = await pageUiCenter(page, byClass('line-focus')).catch(() => null);
        const { scroll, lines } = await page.evaluate<{ scroll: number; lines: LineBox[] }>(
          `({ scroll: scrollY, lines: (${articleLines})(${JSON.stringify(ARTICLE)}) })`,
        );
        if (!band) return { line: -2, lines: lines.length };
        // The band (border-box) starts 3 px above its line and ends 3 px below it; its content box,
        // which pageUiCenter measures, stops above the 6 px bottom padding: its centre is 6 px high.
        const centre = band.y + 6 + scroll;
        const line = lines.findIndex((l) => Math.abs((l.top + l.bottom) / 2 - centre) <= 1);
        return { line, lines: lines.length };
      };
      const bandLine = async () => {
        let last = await reading();
        for (let tries = 0; tries < 30; tries++) {
          await page.waitForTimeout(50);
          const now = await reading();
          if (now.line === last.line && now.lines === last.lines) return now.line;
          last = now;
        }
        return last.line;
      };
      /** What the reader would see when a step went wrong: the in-page UI's words, the hosts. */
      const state = async () =>
        `UI "${(await pageUiText(page)).replace(/\s+/g, ' ').trim()}", ` +
        `${await page.evaluate(() => document.querySelectorAll('readmark-ui').length)} UI host(s)`;
      await page.keyboard.press('ArrowDown');
      let previous = await bandLine();
      if (previous < 0)
        failures.push(`layout ${i}: the band is on no line of the article (${previous}); ${await state()}`);
      for (let step = 0; step < 12 && previous >= 0 && previous < lineCount - 1; step++) {
        await page.keyboard.press('ArrowDown');
        const now = await bandLine();
        steps++;
        if (now !== previous + 1)
          failures.push(`layout ${i}, step ${step}: line ${previous} → ${now}; ${await state()}`);
        previous = now;
      }
      await world!.detach();
      await page.close();
    }
    console.log(
      `line focus: ${steps} keyboard steps on ${LAYOUTS.length} layouts, ${failures.length} not one line`,
    );
    expect(failures).toEqual([]);
  });

  // A figure, not a timed assertion (machines differ): long tasks of the page's main thread in
  // which Readmark's script ran, while the reader scrolls, steps and points over a 10,000-word
  // article with a 3-line focus on.
  test('figure: long tasks while scrolling a 10,000-word article with line focus on', {
    timeout: 180_000,
  }, async () => {
    env.server.route('/focus/long.html', newsPage(articleParagraphs(10_000, 5)));
    const page = await env.browser.open(`${env.server.origin}/focus/long.html`);
    let world: ContentWorld | undefined;
    await listenFromPopup(env.browser, page, async () => {
      world = await contentWorld(page, env.browser.extensionId);
      await speech(world).install();
    });
    await expect.poll(() => speech(world!).count(), { timeout: 20_000 }).toBe(1);
    await focusPageUi(page, 'listen-play');
    await page.keyboard.press('Enter');
    await focusPageUi(page, 'line-focus');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(640, 300);
    const trace = await traceMainThread(env.browser.context, page, env.browser.extensionId, async () => {
      for (let i = 0; i < 30; i++) {
        await page.mouse.wheel(0, 600);
        await page.mouse.move(600 + (i % 5) * 10, 200 + (i % 7) * 30);
        await page.keyboard.press('ArrowDown');
      }
      await page.waitForTimeout(500);
    });
    console.log(
      `line focus, 10,000 words, 30 × (wheel + pointer + ArrowDown): ${trace.longTasksWithOurScript.length} tasks over 50 ms with our script` +
        ` (${trace.longTasksWithOurScript.map((ms) => ms.toFixed(0)).join(', ') || 'none'}; CPU ${trace.cpuOfLongTasksWithOurScript.map((ms) => ms.toFixed(0)).join(', ') || '-'} ms),` +
        ` ${trace.otherLongTasks} other long tasks, ${trace.ourScriptEvents} script events of ours`,
    );
    // The trace saw our script at work (the keys and the pointer reached it); the figure is printed above.
    expect(trace.ourScriptEvents).toBeGreaterThan(0);
    await world!.detach();
    await page.close();
  });
});

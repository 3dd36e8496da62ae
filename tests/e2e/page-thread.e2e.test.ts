import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { PATHOLOGICAL_PAGES } from '../fixtures/hostile/pathological-pages';
import { useExtensionBrowser } from './browser';
import { attachRealPopup } from './real-popup';

// Readmark must never block a page's main thread for more than 50 ms: the content script only
// serialises the page, and parsing and Readability run in an extension Worker. The browser's own
// long-task entries (tasks over 50 ms) are recorded in the page while the reader opens Readmark.
const env = useExtensionBrowser();

type Recorder = Window & { __longTasks: number[] };
const longTasks = (page: Page) => page.evaluate(() => (window as unknown as Recorder).__longTasks.splice(0));

test.each(PATHOLOGICAL_PAGES.map((p) => [p.name, p] as const))(
  '%s: opening Readmark causes no long task on the page',
  async (_name, fixture) => {
    env.server.route(fixture.path, fixture.html);
    const page = await env.browser.context.newPage();
    await page.addInitScript(() => {
      (window as unknown as Recorder).__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          (window as unknown as Recorder).__longTasks.push(Math.round(entry.duration));
      }).observe({ type: 'longtask' });
    });
    await page.goto(`${env.server.origin}${fixture.path}`);
    await page.waitForTimeout(1_000);
    await longTasks(page); // the page's own loading work is not ours

    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#save, #status[role=alert]')`, 15_000);
    await popup.close();
    await page.waitForTimeout(300);
    const ours = await longTasks(page);

    // Positive control: a 120 ms task in the page must be seen, or the recorder proves nothing.
    await page.evaluate(() =>
      setTimeout(() => {
        const start = performance.now();
        while (performance.now() - start < 120) {}
      }),
    );
    await expect.poll(async () => (await longTasks(page)).length).toBeGreaterThan(0);
    console.log(`[page thread] ${fixture.name}: long tasks while opening Readmark: ${JSON.stringify(ours)}`);
    expect(ours).toEqual([]);
    await page.close();
  },
);

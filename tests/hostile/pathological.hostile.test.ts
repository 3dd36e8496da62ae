import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../e2e/browser';
import { type FixtureServer, startFixtureServer } from '../e2e/fixture-server';
import { attachRealPopup } from '../e2e/real-popup';
import { PATHOLOGICAL_PAGES } from '../fixtures/hostile/pathological-pages';
import { recordFigures } from './support/figures';

// Pathological pages through the real toolbar popup: each must end in a preview or a clear
// message within the 10 s watchdog (plus 2 s of grace), leave the tab responsive, and crash nothing.

const DEADLINE_MS = 12_000;
const outcomes: Record<string, string> = {};
let crashes = 0;
let hung = 0;

describe('pathological pages', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startFixtureServer();
    for (const page of PATHOLOGICAL_PAGES) server.route(page.path, page.html);
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    recordFigures('6 pathological pages', {
      ...outcomes,
      'renderer crashes': crashes,
      'hung tabs': hung,
    });
    await browser?.close();
    await server?.close();
  });

  test.each(PATHOLOGICAL_PAGES.map((p) => [p.name, p] as const))(
    '%s: a preview or a clear message within the watchdog, and the tab stays alive',
    async (name, source) => {
      const page = await browser.context.newPage();
      let crashed = false;
      page.on('crash', () => {
        crashed = true;
        crashes++;
      });
      await page.goto(`${server.origin}${source.path}`, { timeout: 30_000 });
      // What the page really is (the prototype page breaks these calls on purpose).
      const size = await page
        .evaluate(() => {
          let depth = 0;
          for (
            let n: Element | null = document.getElementById('deep') ?? document.body;
            n;
            n = n.firstElementChild
          )
            depth++;
          return `${document.getElementsByTagName('*').length} elements, depth ${depth}, ${(document.body.textContent ?? '').length} chars`;
        })
        .catch(() => 'size not measurable: the page breaks the DOM API on purpose');
      const started = Date.now();
      await browser.clickToolbarButton(page);
      const popup = await attachRealPopup(browser);
      let outcome = 'no answer (spinner)';
      try {
        await popup.waitFor(`document.querySelector('#save, #status[role=alert]')`, DEADLINE_MS);
        outcome = await popup.evaluate<string>(
          `document.querySelector('#save') ? 'preview: ' + document.querySelector('#preview-title').textContent : 'message: ' + document.querySelector('#status').textContent`,
        );
      } catch {
        // outcome stays "no answer"
      }
      const seconds = (Date.now() - started) / 1000;
      await popup.close();
      const alive = await Promise.race([
        page.evaluate(() => 1 + 1).then((v) => v === 2),
        new Promise<boolean>((r) => setTimeout(() => r(false), 1_000)),
      ]);
      if (!alive) hung++;
      outcomes[name] = `${outcome.slice(0, 70)} in ${seconds.toFixed(1)} s [${size}]`;
      expect(outcome).not.toBe('no answer (spinner)');
      expect(seconds).toBeLessThan(DEADLINE_MS / 1000 + 1);
      expect(alive, 'the tab answers within 1 s').toBe(true);
      expect(crashed).toBe(false);
      await page.close();
    },
  );
});

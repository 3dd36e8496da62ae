/**
 * `npm run bench:preview`: how long after a real toolbar click (CDP Extensions.triggerAction) the
 * popup shows its preview, on 30 pages served from 127.0.0.1: our extraction fixtures, then
 * Readability's test pages from ../shared/corpora (skipped with a notice where absent).
 *
 * Per page: click → preview painted, and the popup's own breakdown from its performance marks
 * (popup code loaded, tab lookup, capture including the page's transfer, Worker start + transfer +
 * extraction + sanitising, render to paint). The floor is a static one-line popup (a second,
 * throwaway extension loaded in the same browser), clicked on the same pages in the same run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { EXTENSION_DIR, launchChromium, triggerAction } from '../e2e/browser';
import { startFixtureServer } from '../e2e/fixture-server';
import { attachRealPopup, type RealPopup } from '../e2e/real-popup';

const PAGES = 30;
const READABILITY = resolve(process.cwd(), '../shared/corpora/readability-test-pages');
const FIXTURES = resolve(process.cwd(), 'tests/fixtures/extraction');

function pagesToServe(): { path: string; html: string }[] {
  const pages = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'page.html')))
    .map((d) => ({
      path: `/bench/${d.name}.html`,
      html: readFileSync(join(FIXTURES, d.name, 'page.html'), 'utf8'),
    }));
  if (existsSync(READABILITY)) {
    for (const name of readdirSync(READABILITY).sort()) {
      if (pages.length >= PAGES) break;
      const file = join(READABILITY, name, 'source.html');
      if (existsSync(file)) pages.push({ path: `/bench/rd-${name}.html`, html: readFileSync(file, 'utf8') });
    }
  } else
    console.warn(`[bench:preview] ${READABILITY} is absent: only our ${pages.length} fixture pages are used`);
  return pages.slice(0, PAGES);
}

/** A throwaway extension whose popup is one static line: the browser's own floor. */
function staticPopupExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-static-popup-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Static popup',
      version: '1.0',
      action: { default_popup: 'popup.html' },
    }),
  );
  writeFileSync(
    join(dir, 'popup.html'),
    '<!doctype html><meta charset="utf-8"><p id="line">A static popup.</p><script src="popup.js"></script>',
  );
  writeFileSync(
    join(dir, 'popup.js'),
    "requestAnimationFrame(() => performance.mark('rm:preview-painted'));",
  );
  return dir;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const fmt = (ms: number) => ms.toFixed(0).padStart(5);

interface Marks {
  origin: number;
  painted: number;
  [name: string]: number;
}

/** Waits for the popup's paint mark; answers its marks (ms since the popup's timeOrigin) and timeOrigin. */
async function marksOf(popup: RealPopup): Promise<Marks> {
  await popup.waitFor(`performance.getEntriesByName('rm:preview-painted').length`, 20_000);
  return popup.evaluate<Marks>(`(() => {
    const m = { origin: performance.timeOrigin };
    for (const e of performance.getEntriesByType('mark')) m[e.name.replace('rm:', '')] = e.startTime;
    m.painted = m['preview-painted'];
    return m;
  })()`);
}

async function clickAndMeasure(cdp: CDPSession, context: Parameters<typeof attachRealPopup>[0], page: Page) {
  const clicked = Date.now();
  await triggerAction(cdp, context.extensionId, page);
  const popup = await attachRealPopup(context, 20_000);
  const marks = await marksOf(popup);
  await popup.close();
  return { total: marks.origin + marks.painted - clicked, marks };
}

async function main() {
  const pages = pagesToServe();
  const server = await startFixtureServer();
  for (const { path, html } of pages) server.route(path, html);
  const staticDir = staticPopupExtension();
  const context = await launchChromium([
    `--disable-extensions-except=${EXTENSION_DIR},${staticDir}`,
    `--load-extension=${EXTENSION_DIR},${staticDir}`,
  ]);
  const cdp = await context.browser()!.newBrowserCDPSession();
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const readmarkId = new URL(sw.url()).host;
  const staticId = unpackedExtensionId(staticDir);
  await sw.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }));

  const rows: { path: string; floor: number; total: number; parts: number[] }[] = [];
  for (const { path } of pages) {
    const page = await context.newPage();
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    const floor = await clickAndMeasure(cdp, { context, extensionId: staticId }, page);
    await page.bringToFront();
    const real = await clickAndMeasure(cdp, { context, extensionId: readmarkId }, page);
    const m = real.marks;
    // popup code | tab lookup | capture | worker (start + transfer + extraction + sanitise) | render
    const parts = [
      m['popup-code']!,
      m['capture-start']! - m['popup-code']!,
      m['capture-end']! - m['capture-start']!,
      m.extracted! - m['capture-end']!,
      m.painted - m.extracted!,
    ];
    rows.push({ path, floor: floor.total, total: real.total, parts });
    console.log(
      `${path.padEnd(34)} click→preview ${fmt(real.total)} ms  static ${fmt(floor.total)} ms  popup-load→preview ${fmt(m.painted)} ms  [${parts.map(fmt).join(' |')} ]`,
    );
    await page.close();
  }
  const col = (f: (r: (typeof rows)[number]) => number) => rows.map(f);
  const line = (label: string, values: number[]) =>
    console.log(
      `${label.padEnd(40)} p50 ${fmt(quantile(values, 0.5))} ms   p95 ${fmt(quantile(values, 0.95))} ms`,
    );
  console.log(`\n${rows.length} pages, load average ${loadavg()[0]!.toFixed(1)} (2 cores shared)`);
  line(
    'click → preview painted',
    col((r) => r.total),
  );
  line(
    'click → static popup painted (floor)',
    col((r) => r.floor),
  );
  line(
    'popup load start → preview painted',
    col((r) => r.parts.reduce((a, b) => a + b, 0)),
  );
  const parts = ['popup code', 'tab lookup', 'capture (+ transfer)', 'worker start + extract', 'render'];
  for (const [i, name] of parts.entries())
    line(
      `  ${name}`,
      col((r) => r.parts[i]!),
    );
  const ratio =
    quantile(
      col((r) => r.total),
      0.5,
    ) /
    quantile(
      col((r) => r.floor),
      0.5,
    );
  console.log(`ratio click→preview / static floor (p50): ${ratio.toFixed(2)}× (target ≤ 1.2×)`);
  await context.close();
  await server.close();
}

/** The id Chromium gives an unpacked extension: the SHA-256 of its path, in the letters a–p. */
function unpackedExtensionId(dir: string): string {
  return [...createHash('sha256').update(dir).digest('hex').slice(0, 32)]
    .map((c) => String.fromCharCode(97 + Number.parseInt(c, 16)))
    .join('');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

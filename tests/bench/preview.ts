/**
 * `npm run bench:preview`: how long after a real toolbar click (CDP Extensions.triggerAction) the
 * popup shows its preview, on 30 pages served from 127.0.0.1: our extraction fixtures, then
 * Readability's test pages from ../shared/corpora (skipped with a notice where absent).
 *
 * Per page: click → preview painted, and the popup's own breakdown from its performance marks:
 * the stages of its critical path one after another (STAGES, adding up to popup load start →
 * painted), and what loads beside them (the Worker's script, the UI's code). The Worker's marks
 * come from the offscreen document's Worker in Chrome, timed in the epoch clock. The floor is a static
 * one-line popup (a second, throwaway extension loaded in the same browser), clicked on the same
 * pages in the same run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { EXTENSION_DIR, launchChromium, triggerAction } from '../e2e/browser';
import { startFixtureServer } from '../e2e/fixture-server';
import { attachRealPopup, type RealPopup } from '../e2e/real-popup';
import { stopServiceWorker } from '../e2e/service-worker';
import {
  baselineDir,
  fmt,
  pagesToServe,
  profileWithPinned,
  quantile,
  staticPopupExtension,
  unpackedExtensionId,
} from './popup-extensions';

/**
 * With a baseline, the build clicked first on a page alternates; `BENCH_ORDER_OFFSET=1` starts
 * with the baseline, so a second run clicks each page in the other order (the first click on a
 * page that has just loaded can be the slower).
 */
const ORDER_OFFSET = Number(process.env.BENCH_ORDER_OFFSET) || 0;
/**
 * Every extension clicked (ours, the baseline, the static popup) is pinned to the toolbar, as a
 * reader pins the button they click; `BENCH_UNPINNED=1` leaves them in the extensions menu, where
 * Chrome pops the button out before loading the popup (README, preview speed, fourth round).
 */
const PINNED = process.env.BENCH_UNPINNED !== '1';
/**
 * `BENCH_ASLEEP=1`: each Readmark build's service worker is stopped (as Chrome stops an idle one)
 * before its click, so every click is a first click after the worker idled.
 */
const ASLEEP = process.env.BENCH_ASLEEP === '1';
/** `BENCH_PAGES=n` for a quicker, rougher look. */
const PAGES = Number(process.env.BENCH_PAGES) || 30;
/**
 * The popup's critical path, in order: each stage ends at its mark (ms since popup load start).
 * The Worker's marks come from its own clock (utils/services/extract-in-worker.ts, markWorkerTiming).
 */
const STAGES: [string, string][] = [
  ['popup first script running', 'popup-code'],
  ['tab lookup', 'capture-start'],
  ['capture (capture script: serialise + transfer)', 'capture-end'],
  ['capture checked (+ waiting for the popup module)', 'captured'],
  ['to the Worker (offscreen message, or its script)', 'worker-received'],
  ['extraction in the Worker', 'worker-extracted'],
  // Builds before the seventh round: the article was sanitised before the popup got it. Since, the
  // preview comes without its HTML, sanitised after the paint (article-complete, below): 0 here.
  ['sanitise (offscreen document, before the preview)', 'worker-sanitised'],
  ['back to the popup', 'extracted'],
  // Before the eighth round, the preview waited for it; since, it runs after the paint (0 here).
  ['saved? look-up (+ waiting for the UI code)', 'looked-up'],
  ['render to paint', 'painted'],
];
/**
 * Loaded beside the path: the Worker's script (0 when the Worker was ready before the popup: the
 * offscreen document's, kept warm) and the UI's code (dynamic import).
 */
const BESIDE: [string, string][] = [
  ['popup entry module running', 'popup-module'],
  ['Worker script ready (0: warm before the popup)', 'worker-ready'],
  ['UI code (Preact, Dexie, translations) ready', 'ui-code'],
  ['saved? look-up done', 'looked-up'],
  ['whole article (HTML sanitised) in the popup, after the paint', 'article-complete'],
];

interface Row {
  path: string;
  /**
   * The capture stage split by the capture script's own times (page clock, ms since the epoch):
   * injected until it runs, serialising, its result until the popup has it. Null for a build
   * whose capture does not report them (before the ninth round).
   */
  captureSplit: number[] | null;
  floor: number;
  /**
   * Popup load start → the preview painted with Save and the saved? state: since the eighth round
   * the first paint shows the article alone and the popup's own paint follows; before, the same.
   */
  actions: number;
  /** The static popup's own load start → painted. */
  floorLoad: number;
  total: number;
  painted: number;
  parts: number[];
  beside: number[];
}

interface Marks {
  origin: number;
  painted: number;
  [name: string]: number;
}

/**
 * Waits for the popup's `last` paint mark; answers its marks (ms since the popup's timeOrigin) and
 * timeOrigin.
 */
async function marksOf(popup: RealPopup, last: string): Promise<Marks> {
  await popup.waitFor(`performance.getEntriesByName('${last}').length`, 20_000).catch(async (error) => {
    const shown = await popup.evaluate<string>(
      `location.href + ': ' + document.body.innerText.slice(0, 300)`,
    );
    throw new Error(`${(error as Error).message}; the popup shows ${JSON.stringify(shown)}`);
  });
  return popup.evaluate<Marks>(`(() => {
    const m = { origin: performance.timeOrigin };
    for (const e of performance.getEntriesByType('mark')) m[e.name.replace('rm:', '')] = e.startTime;
    m.painted = m['preview-painted'];
    return m;
  })()`);
}

/**
 * The mark of a build's last paint of its preview: since the eighth round the first paint shows the
 * article alone and the popup's own paint, with Save, follows (`rm:popup-painted`); closed before
 * it, the popup would leave "preview with Save" unmeasured. Older builds and the static popup
 * paint once.
 */
function lastPaintMark(dir: string): string {
  const chunks = join(dir, 'chunks');
  const paintsTwice =
    existsSync(chunks) &&
    readdirSync(chunks).some((file) => readFileSync(join(chunks, file), 'utf8').includes('rm:popup-painted'));
  return paintsTwice ? 'rm:popup-painted' : 'rm:preview-painted';
}

async function clickAndMeasure(
  cdp: CDPSession,
  context: Parameters<typeof attachRealPopup>[0],
  page: Page,
  last = 'rm:preview-painted',
) {
  const clicked = Date.now();
  await triggerAction(cdp, context.extensionId, page);
  const popup = await attachRealPopup(context, 20_000);
  const marks = await marksOf(popup, last);
  await popup.close();
  return { total: marks.origin + marks.painted - clicked, marks };
}

async function main() {
  const pages = pagesToServe(PAGES);
  const server = await startFixtureServer();
  for (const { path, html } of pages) server.route(path, html);
  const staticDir = staticPopupExtension();
  const baseline = baselineDir();
  const builds = [
    { label: 'this build', dir: EXTENSION_DIR },
    ...(baseline ? [{ label: 'baseline', dir: baseline }] : []),
  ].map((build) => ({ ...build, lastPaint: lastPaintMark(build.dir) }));
  const dirs = [...builds.map((b) => b.dir), staticDir].join(',');
  const ids = [...builds.map((b) => unpackedExtensionId(b.dir)), unpackedExtensionId(staticDir)];
  const context = await launchChromium(
    [`--disable-extensions-except=${dirs}`, `--load-extension=${dirs}`],
    profileWithPinned(PINNED ? ids : []),
  );
  const cdp = await context.browser()!.newBrowserCDPSession();
  for (const build of builds) {
    // Each build's service worker: its broad host access is removed, as a new install has none.
    const id = unpackedExtensionId(build.dir);
    const sw =
      context.serviceWorkers().find((w) => w.url().includes(id)) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(id) }));
    await sw.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }));
  }
  const staticId = unpackedExtensionId(staticDir);

  const rows = builds.map(() => [] as Row[]);
  for (const [n, { path, html }] of pages.entries()) {
    const page = await context.newPage();
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    const floor = await clickAndMeasure(cdp, { context, extensionId: staticId }, page);
    const order = builds.map((_, i) => i);
    if ((n + ORDER_OFFSET) % 2 === 1) order.reverse();
    for (const b of order) {
      const build = builds[b]!;
      await page.bringToFront();
      if (ASLEEP) {
        await stopServiceWorker(cdp, `chrome-extension://${unpackedExtensionId(build.dir)}/`);
        // Let the browser see the worker gone, as after an idle stop.
        await new Promise((r) => setTimeout(r, 300));
      }
      const real = await clickAndMeasure(
        cdp,
        { context, extensionId: unpackedExtensionId(build.dir) },
        page,
        build.lastPaint,
      );
      const m = real.marks;
      // A mark a build does not set (a baseline older than a stage), or sets after the paint (the
      // saved? look-up since the eighth round), counts as no time on the path.
      const at: number[] = [];
      for (const [i, [, mark]] of STAGES.entries()) {
        const t = m[mark];
        at.push(t !== undefined && t <= m.painted ? t : i === 0 ? 0 : at[i - 1]!);
      }
      const parts = at.map((t, i) => t - (i === 0 ? 0 : at[i - 1]!));
      const beside = BESIDE.map(([, mark]) => m[mark] ?? Number.NaN);
      const split = ['capture-start', 'capture-ran', 'capture-serialised', 'capture-end'].map(
        (mark) => m[mark],
      );
      rows[b]!.push({
        path,
        captureSplit: split.every((t) => t !== undefined)
          ? split.slice(1).map((t, i) => t! - split[i]!)
          : null,
        floor: floor.total,
        floorLoad: floor.marks.painted,
        total: real.total,
        painted: m.painted,
        actions: m['popup-painted'] ?? m.painted,
        parts,
        beside,
      });
      console.log(
        `${builds.length > 1 ? build.label.padEnd(11) : ''}${path.padEnd(34)} ${fmt(html.length / 1024)} kB  click→preview ${fmt(real.total)} ms  static ${fmt(floor.total)} ms  popup-load→preview ${fmt(m.painted)} ms  [${parts.map(fmt).join(' |')} ]  ${BESIDE.map(([, mark], i) => `${mark} ${fmt(beside[i]!)}`).join('  ')}`,
      );
    }
    await page.close();
  }
  console.log(
    `\n${pages.length} pages, ${PINNED ? 'buttons pinned' : 'buttons not pinned'}${ASLEEP ? ', service workers stopped before each click' : ''}, load average ${loadavg()[0]!.toFixed(1)} (2 cores shared)`,
  );
  for (const [b, build] of builds.entries()) {
    console.log(`\n== ${build.label} (${build.dir}) ==`);
    summarise(rows[b]!, build.dir);
  }
  if (rows[1]) comparePairs(rows[0]!, rows[1]);
  await context.close();
  await server.close();
}

function summarise(rows: Row[], dir: string) {
  const col = (f: (r: Row) => number) => rows.map(f);
  const line = (label: string, values: number[]) =>
    console.log(
      `${label.padEnd(50)} p50 ${fmt(quantile(values, 0.5))} ms   p95 ${fmt(quantile(values, 0.95))} ms`,
    );
  console.log(`scripts: ${scriptSizes(dir)}`);
  line(
    'click → preview painted',
    col((r) => r.total),
  );
  line(
    'click → static popup painted (floor)',
    col((r) => r.floor),
  );
  line(
    'click → popup load start',
    col((r) => r.total - r.painted),
  );
  line(
    'click → static popup load start',
    col((r) => r.floor - r.floorLoad),
  );
  line(
    'static popup: load start → painted',
    col((r) => r.floorLoad),
  );
  line(
    'popup load start → preview painted (target ≤ 100 / ≤ 200)',
    col((r) => r.painted),
  );
  line(
    'popup load start → preview with Save painted',
    col((r) => r.actions),
  );
  console.log('  one after another (they add up to popup load start → preview painted):');
  for (const [i, [name]] of STAGES.entries())
    line(
      `    ${name}`,
      col((r) => r.parts[i]!),
    );
  const splits = rows.flatMap((r) => (r.captureSplit ? [r.captureSplit] : []));
  if (splits.length) {
    console.log("  the capture stage, by the capture script's own times (page clock):");
    for (const [i, name] of [
      'injected until running',
      'serialising the page',
      'result until the popup has it',
    ].entries())
      line(
        `      ${name}`,
        splits.map((s) => s[i]!),
      );
  }
  console.log('  beside them (since popup load start; only on the path when later than what needs it):');
  for (const [i, [name]] of BESIDE.entries())
    line(
      `    ${name}`,
      col((r) => r.beside[i]!),
    );
  const ratio = (q: number) =>
    quantile(
      col((r) => r.total),
      q,
    ) /
    quantile(
      col((r) => r.floor),
      q,
    );
  console.log(
    `ratio click→preview / static floor: p50 ${ratio(0.5).toFixed(2)}× (target ≤ 1.2×), p95 ${ratio(0.95).toFixed(2)}×`,
  );
}

/**
 * Same-page pairs, this build − the baseline: the median of the per-page differences and on how
 * many pages this build was faster (two copies of one build differ by ≈10 ms here: README).
 */
function comparePairs(these: Row[], baseline: Row[]) {
  console.log('\n== this build − baseline, page by page ==');
  const pair = (label: string, f: (r: Row) => number) => {
    const diffs = these.map((r, i) => f(r) - f(baseline[i]!));
    const faster = diffs.filter((d) => d < 0).length;
    console.log(
      `${label.padEnd(50)} median ${fmt(quantile(diffs, 0.5))} ms   faster on ${faster} / ${diffs.length}`,
    );
  };
  pair('popup load start → preview painted', (r) => r.painted);
  pair('click → preview painted', (r) => r.total);
  pair('popup load start → preview with Save painted', (r) => r.actions);
  for (const [i, [name]] of STAGES.entries()) pair(`    ${name}`, (r) => r.parts[i]!);
}

/**
 * The popup's entry (popup.html's scripts, with what they import statically), the code loaded
 * before the preview (the entry and the chunk that paints the preview, each with its static
 * imports) and the Worker, as built. Since the twelfth round the page loads only its first script
 * before the preview (the modules it loads after are listed in its `data-modules`, not counted).
 */
function scriptSizes(dir: string): string {
  const size = (files: Iterable<string>) =>
    `${([...files].reduce((sum, file) => sum + statSync(join(dir, file)).size, 0) / 1024).toFixed(0)} kB`;
  const entry = readFileSync(join(dir, 'popup.html'), 'utf8');
  const statics = [...entry.matchAll(/(?:src|href)="\/((?:chunks\/)?[^"]+\.js)"/g)].map((m) => m[1]!);
  // Chunks name what they import as ./name.js (statically, and in import() for the UI chunk).
  const imported = (file: string, pattern: RegExp) =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(pattern)].map((m) => join(file, '..', m[1]!));
  const beforePreview = new Set<string>();
  const visit = (file: string) => {
    if (beforePreview.has(file)) return;
    beforePreview.add(file);
    for (const next of imported(file, /(?:from|import)\s*["`]\.\/([^"`]+\.js)["`]/g)) visit(next);
  };
  for (const file of statics) visit(file);
  // The entry module's first import() is the chunk that paints the preview: the UI's (main before
  // the eighth round) or the first paint's (since; the UI's, its second, loads after the paint).
  const module = /<script type="module"[^>]* src="\/([^"]+)"/.exec(entry)?.[1];
  const first = module ? imported(module, /import\(["`]\.\/([^"`]+\.js)["`]\)/g)[0] : undefined;
  if (first) visit(first);
  return `popup entry ${size(statics)} in ${statics.length} files, loaded before the preview ${size(beforePreview)} in ${beforePreview.size} files, extract-worker.js ${size(['extract-worker.js'])}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

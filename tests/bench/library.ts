/**
 * The library page at 10,000 articles, in real Chromium with the built extension (run
 * `npm run bench:library`, which builds first). Seeds the library through the real storage API
 * (tests/bench/library-seed.ts, bundled and run in an extension page) and ends as an import or a
 * restore ends (the summary snapshot taken by the page that wrote), then measures in one run:
 * library first paint and first row, when search is usable (a query typed as the first row
 * shows is answered over the whole library) and when the full-text index is ready (first open
 * builds the index, later opens restore it), search usable on an open that finds no summary
 * snapshot (the summaries table read), search latency over the 50 queries of the search bench typed into the real
 * box, popup first paint, and the page's JS heap. The same figures with an empty library are the
 * baseline. Beside wall times: the page's main-thread busy time (CDP TaskDuration) and the load
 * average, as the machine is shared. Prints figures; asserts nothing.
 * Usage: npx tsx tests/bench/library.ts [articles]
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension } from '../e2e/browser';
import { startFixtureServer } from '../e2e/fixture-server';
import { attachRealPopup } from '../e2e/real-popup';
import {
  dropSummarySnapshotOnLoad,
  type OpenFigures,
  openMeasured,
  type SearchProbe,
  searchLatency,
  searchProbe,
} from './library-measure';
import { generateCorpus } from './search-corpus';
import { benchQueries } from './search-queries';
import { seedScript } from './seed-bundle';

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const ms = (n: number | null) => (n === null ? '—' : `${n.toFixed(0)} ms`);
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

async function seedLibrary(browser: ExtensionBrowser): Promise<string> {
  // A page of the extension's origin with no live queries of its own (the library would re-read
  // the growing list after every write).
  const page = await browser.open(browser.extensionUrl('/manifest.json'));
  await page.evaluate(await seedScript());
  const seeded = await page.evaluate(
    (count) =>
      (
        globalThis as unknown as {
          readmarkSeed(n: number): Promise<{ articles: number; highlights: number; ms: number }>;
        }
      ).readmarkSeed(count),
    COUNT,
  );
  // As an import or a restore ends (the page that wrote takes the snapshot; the background may
  // be stopped): the first open below is a reader's first open after importing 10,000 articles.
  const snapshotMs = await page.evaluate(() =>
    (globalThis as unknown as { readmarkEndAsImport(): Promise<number> }).readmarkEndAsImport(),
  );
  await page.close();
  return (
    `${seeded.articles} articles and ${seeded.highlights} highlights seeded in ${(seeded.ms / 1000).toFixed(1)} s, ` +
    `summary snapshot taken as an import ends in ${snapshotMs.toFixed(0)} ms`
  );
}

/** Opens the library RUNS times; medians of each figure, plus the last page (left open). */
async function openLibrary(
  browser: ExtensionBrowser,
  probe?: SearchProbe,
  runs = RUNS,
): Promise<{ figures: OpenFigures; page: Page }> {
  const all: OpenFigures[] = [];
  let page: Page | null = null;
  for (let i = 0; i < runs; i++) {
    await page?.close();
    const opened = await openMeasured(browser, '/library.html', '.article, .empty', true, probe);
    all.push(opened.figures);
    page = opened.page;
  }
  const pick = (key: keyof OpenFigures) => {
    const values = all.map((f) => f[key]).filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  return {
    figures: {
      fcp: pick('fcp'),
      firstRow: pick('firstRow'),
      searchUsable: pick('searchUsable'),
      searchReady: pick('searchReady'),
      heap: pick('heap') ?? 0,
      busy: pick('busy') ?? 0,
      earlyRead: pick('earlyRead'),
      earlyReadStart: pick('earlyReadStart'),
      codeLoaded: pick('codeLoaded'),
    },
    page: page!,
  };
}

async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<OpenFigures> {
  const runs: OpenFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const opened = await openMeasured(browser, `/popup.html?tabId=${tabId}`, '#save', false);
    runs.push(opened.figures);
    await opened.page.close();
  }
  return {
    fcp: median(runs.map((r) => r.fcp ?? Number.NaN)),
    firstRow: median(runs.map((r) => r.firstRow ?? Number.NaN)),
    searchUsable: null,
    searchReady: null,
    heap: median(runs.map((r) => r.heap)),
    busy: median(runs.map((r) => r.busy)),
    earlyRead: null,
    earlyReadStart: null,
    codeLoaded: null,
  };
}

const server = await startFixtureServer();
const browser = await launchWithExtension();
try {
  console.log(`library bench: ${COUNT} articles; load average ${loadavg()[0]!.toFixed(1)}`);
  const article = await browser.open(`${server.origin}/pages/news-article.html`);
  await browser.clickToolbarButton(article);
  await (await attachRealPopup(browser)).close();
  const tabId = await browser.activeTabId(article);

  const emptyLibrary = await openLibrary(browser);
  await emptyLibrary.page.close();
  const emptyPopup = await openPopup(browser, tabId);

  console.log(await seedLibrary(browser));
  const corpus = generateCorpus(COUNT);
  const probe = searchProbe(corpus);
  console.log(`search probe: "${probe.query}", finds "${probe.title}"`);
  const firstOpenLoad = loadavg()[0]!;
  const firstOpen = await openMeasured(browser, '/library.html', '.article', true, probe);
  // The worker saves the index a moment after building it: wait for that before closing.
  const savedIndex = () =>
    firstOpen.page.evaluate(
      () =>
        new Promise<boolean>((done) => {
          const open = indexedDB.open('readmark');
          open.onsuccess = () => {
            const store = open.result.transaction('settings').objectStore('settings');
            const get = store.get('library.searchIndex');
            get.onsuccess = () => {
              done(typeof get.result?.value === 'string');
              open.result.close();
            };
          };
        }),
    );
  for (let waited = 0; !(await savedIndex()); waited += 500) {
    if (waited > 120_000) throw new Error('the search index was never saved');
    await new Promise((r) => setTimeout(r, 500));
  }
  await firstOpen.page.close();
  const full = await openLibrary(browser, probe);
  const queries = benchQueries(corpus).map((q) => q.text);
  const search = await searchLatency(full.page, queries);
  await full.page.close();
  // The fallback: an open that finds no snapshot reads the summaries table (index restored).
  const noSnapshot = await openMeasured(
    browser,
    '/library.html',
    '.article',
    false,
    probe,
    dropSummarySnapshotOnLoad,
  );
  await noSnapshot.page.close();
  const fullPopup = await openPopup(browser, tabId);

  const rows: [string, string, string, string][] = [
    ['', 'empty library', `${COUNT} articles`, 'target'],
    ['library first contentful paint', ms(emptyLibrary.figures.fcp), ms(full.figures.fcp), ''],
    [
      'library first row (or empty screen) painted',
      ms(emptyLibrary.figures.firstRow),
      ms(full.figures.firstRow),
      '≤ 150 ms',
    ],
    ['search usable, first open after the import', '', ms(firstOpen.figures.searchUsable), '≤ 300 ms'],
    ['search usable, later opens', '', ms(full.figures.searchUsable), '≤ 300 ms'],
    ['search usable, an open with no snapshot', '', ms(noSnapshot.figures.searchUsable), ''],
    ...(
      [
        ['first open', firstOpen.figures],
        ['later opens', full.figures],
      ] as const
    ).map(([open, f]): [string, string, string, string] => [
      `early read started → ended; code loaded, ${open}`,
      '',
      `${ms(f.earlyReadStart)} → ${ms(f.earlyRead)}; ${ms(f.codeLoaded)}`,
      '',
    ]),
    ['full text ready, first open (index built)', '', ms(firstOpen.figures.searchReady), ''],
    [
      'full text ready, later opens (index restored)',
      ms(emptyLibrary.figures.searchReady),
      ms(full.figures.searchReady),
      '',
    ],
    ['library main-thread busy until ready', ms(emptyLibrary.figures.busy), ms(full.figures.busy), ''],
    ['library JS heap (search ready)', mb(emptyLibrary.figures.heap), mb(full.figures.heap), ''],
    ['search p50: input → results in DOM', '', ms(percentile(search.dom, 50)), ''],
    ['search p95: input → results in DOM', '', ms(percentile(search.dom, 95)), '≤ 50 ms'],
    ['search p95: input → next frame', '', ms(percentile(search.frame, 95)), ''],
    [
      'search p50 / p95: in the worker',
      '',
      search.worker.length
        ? `${ms(percentile(search.worker, 50))} / ${ms(percentile(search.worker, 95))}`
        : '—',
      '',
    ],
    ['search main-thread busy per query (mean)', '', ms(search.busyPerQuery), ''],
    ['popup first contentful paint', ms(emptyPopup.fcp), ms(fullPopup.fcp), '≤ 100 ms'],
    ['popup preview ready (#save shown)', ms(emptyPopup.firstRow), ms(fullPopup.firstRow), ''],
  ];
  console.log('');
  for (const [label, a, b, target] of rows) {
    console.log(`${label.padEnd(46)}${a.padStart(14)}${b.padStart(16)}   ${target}`);
  }
  const ratio = (a: number | null, b: number | null) => (a && b ? `×${(b / a).toFixed(2)}` : '—');
  console.log(
    `\nratios ${COUNT} articles / empty: first row ${ratio(emptyLibrary.figures.firstRow, full.figures.firstRow)}, ` +
      `popup paint ${ratio(emptyPopup.fcp, fullPopup.fcp)}, heap ${ratio(emptyLibrary.figures.heap, full.figures.heap)}; ` +
      `search usable ÷ the empty library's first row: first open ${ratio(emptyLibrary.figures.firstRow, firstOpen.figures.searchUsable)}, ` +
      `later opens ${ratio(emptyLibrary.figures.firstRow, full.figures.searchUsable)}; ` +
      `first open ÷ later opens ${ratio(full.figures.searchUsable, firstOpen.figures.searchUsable)}; ` +
      `load average at the first open ${firstOpenLoad.toFixed(1)}, now ${loadavg()[0]!.toFixed(1)}`,
  );
} finally {
  await browser.close();
  await server.close();
}

/**
 * Developer tool, not a benchmark: keeps a seeded 10k library in a fixed Chromium profile
 * (LIBRARY_PROFILE_DIR, default /tmp/readmark-library-profile, seeded once and ended as an import
 * ends, as bench:library does), opens the library
 * and prints where its main thread spends time while opening (until the search box answers a
 * query typed at the first row over the whole library, as the bench's "search usable") and while
 * searching (CDP CPU profile, top functions by self time), with the first row, search usable and
 * full text ready times of that open. LIBRARY_NO_SNAPSHOT=1 deletes the summary snapshot first (an
 * open that reads the summaries table). Usage: npm run profile:library -- [open|search]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { type CDPSession, chromium } from 'playwright-core';
import { EXTENSION_DIR } from '../e2e/browser';
import { dropSummarySnapshotOnLoad, openMeasured, searchLatency, searchProbe } from './library-measure';
import { generateCorpus } from './search-corpus';
import { benchQueries } from './search-queries';
import { seedScript } from './seed-bundle';

const PROFILE = process.env.LIBRARY_PROFILE_DIR ?? '/tmp/readmark-library-profile';
const what = process.argv[2] ?? 'search';
const fresh = !existsSync(PROFILE);
mkdirSync(PROFILE, { recursive: true });
const context = await chromium.launchPersistentContext(PROFILE, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [
    '--no-sandbox',
    '--disable-gpu',
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
  ],
});
const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const base = `chrome-extension://${new URL(sw.url()).host}`;
if (fresh) {
  const seedPage = await context.newPage();
  await seedPage.goto(`${base}/manifest.json`);
  await seedPage.evaluate(await seedScript());
  console.log('seeded', await seedPage.evaluate('readmarkSeed(10000)'));
  // As bench:library: the seeding ends as an import does (the summary snapshot taken).
  console.log('snapshot taken in', await seedPage.evaluate('readmarkEndAsImport()'), 'ms');
  await seedPage.close();
}
const corpus = generateCorpus(10_000);
const probe = searchProbe(corpus);
let cdp: CDPSession | null = null;
const browser = { context, extensionUrl: (path: string) => `${base}${path}` };
const opened = await openMeasured(browser, '/library.html', '.article', false, probe, async (page) => {
  if (process.env.LIBRARY_NO_SNAPSHOT) await dropSummarySnapshotOnLoad(page);
  cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (what === 'open') await cdp.send('Profiler.start');
});
const { firstRow, searchUsable } = opened.figures;
console.log(
  `first row ${firstRow?.toFixed(0)} ms, search usable ${searchUsable?.toFixed(0)} ms (from navigation start)`,
);
const page = opened.page;
for (const mark of await page.evaluate(() =>
  performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`),
))
  console.log('mark', mark);
if (what === 'search') {
  await page.waitForFunction(() => document.querySelector('#search-note')?.textContent === '', undefined, {
    timeout: 600_000,
    polling: 100,
  });
  await new Promise((r) => setTimeout(r, 3000));
  await cdp!.send('Profiler.start');
  const queries = benchQueries(corpus).map((q) => q.text);
  const result = await searchLatency(page, queries);
  const sorted = [...result.dom].sort((a, b) => a - b);
  console.log('p50', sorted[Math.floor(sorted.length / 2)], 'p95', sorted[Math.floor(sorted.length * 0.95)]);
  console.log('busy per query', result.busyPerQuery);
}
const { profile } = await cdp!.send('Profiler.stop');
const self = new Map<string, number>();
const total = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const keyOf = (id: number) => {
  const f = byId.get(id)!.callFrame;
  return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
};
(profile.samples ?? []).forEach((id, i) => {
  const ms = (dt[i] ?? 0) / 1000;
  self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + ms);
  // Inclusive time: each function on the sample's stack once.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
  for (const key of seen) total.set(key, (total.get(key) ?? 0) + ms);
});
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms ${key}`);
console.log('self time:');
for (const line of top(self, 30)) console.log(line);
console.log('total time (with callees):');
for (const line of top(total, 40)) console.log(line);
await context.close();

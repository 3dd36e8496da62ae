/**
 * Developer tool, not a benchmark: keeps a seeded 10k library in a fixed Chromium profile
 * (/tmp/readmark-library-profile, seeded once), opens the library and prints where its main
 * thread spends time while opening and while searching (CDP CPU profile, top functions by self
 * time). Usage: npm run profile:library -- [open|search]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { EXTENSION_DIR } from '../e2e/browser';
import { searchLatency } from './library-measure';
import { generateCorpus } from './search-corpus';
import { benchQueries } from './search-queries';
import { seedScript } from './seed-bundle';

const PROFILE = '/tmp/readmark-library-profile';
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
  await seedPage.close();
}
const page = await context.newPage();
await page.addInitScript('window.__name = (fn) => fn');
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
if (what === 'open') await cdp.send('Profiler.start');
const t0 = Date.now();
await page.goto(`${base}/library.html`);
await page.waitForSelector('.article');
console.log('first row after', Date.now() - t0, 'ms (wall, from goto)');
await page.waitForFunction(() => document.querySelector('#search-note')?.textContent === '', undefined, {
  timeout: 600_000,
  polling: 100,
});
console.log('search ready after', Date.now() - t0, 'ms');
await new Promise((r) => setTimeout(r, 3000));
if (what === 'search') await cdp.send('Profiler.start');
if (what === 'search') {
  const queries = benchQueries(generateCorpus(10_000)).map((q) => q.text);
  const result = await searchLatency(page, queries);
  const sorted = [...result.dom].sort((a, b) => a - b);
  console.log('p50', sorted[Math.floor(sorted.length / 2)], 'p95', sorted[Math.floor(sorted.length * 0.95)]);
  console.log('busy per query', result.busyPerQuery);
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
(profile.samples ?? []).forEach((id, i) => {
  const node = byId.get(id)!;
  const f = node.callFrame;
  const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(ms.toFixed(0).padStart(7), 'ms', key);
await context.close();

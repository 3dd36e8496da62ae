/**
 * `npm run bench:sync-chromium`: a first sync through the extension in Chromium (docs/sync.md
 * C.7), over loopback `rclone serve webdav`, encryption on. Profile A gets N articles (default
 * 10,000; BENCH_ARTICLES=n) seeded through the real storage code (the search bench's synthetic
 * articles: tests/bench/library-seed.ts) and uploads them from Settings → Sync ("Sync now").
 * A fresh profile B joins through the same form; figures: time from B's click until its library
 * holds every article (usable), until every body is stored, the runs that took (a run fetches
 * bodies for at most a minute; the rest would wait for the 5-minute alarm, so the bench clicks
 * "Sync now" again at once, as a reader waiting would), and the settings page's peak JS heap.
 * Baseline from the same run: one PUT and one GET of a 12 kB file (the request floor here), and
 * the seeding time. Prints figures with the load average; asserts nothing.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension } from '../e2e/browser';
import { countStore as count, fillSyncForm, openSettings, PASSPHRASE, syncNow } from '../e2e/sync-helpers';
import { hasRclone, makeFolder, requestFloorMs, startRclone } from '../support/dav-servers';
import { seedScript } from './seed-bundle';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Samples a page's used JS heap every half second; answers a stop that gives the peak. */
async function heapPeak(browser: ExtensionBrowser, page: Page): Promise<() => number> {
  const cdp = await browser.context.newCDPSession(page);
  let peak = 0;
  const timer = setInterval(() => {
    cdp
      .send('Runtime.getHeapUsage')
      .then(({ usedSize }) => {
        peak = Math.max(peak, usedSize);
      })
      .catch(() => undefined);
  }, 500);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

async function main() {
  if (!hasRclone()) {
    console.log('NOTICE: rclone is not installed (apt-get install rclone): bench:sync-chromium skipped');
    return;
  }
  console.log(
    `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const server = await startRclone();
  const a = await launchWithExtension([], { hostAccess: true });
  const b = await launchWithExtension([], { hostAccess: true });
  try {
    const folder = `${server.url}bench/`;
    await makeFolder(folder);
    const floorMs = await requestFloorMs(folder);

    let t: number;
    const settingsA = await openSettings(a);
    await settingsA.evaluate(await seedScript());
    t = performance.now();
    await settingsA.evaluate(
      (n) => (globalThis as unknown as { readmarkSeed(n: number): Promise<unknown> }).readmarkSeed(n),
      ARTICLES,
    );
    console.log(
      `A: ${ARTICLES} articles seeded in ${secs(performance.now() - t)}; request floor ${floorMs.toFixed(1)} ms`,
    );
    await fillSyncForm(settingsA, folder, 'Laptop', PASSPHRASE);
    t = performance.now();
    const uploaded = await syncNow(settingsA);
    console.log(`A upload ("Sync now"): ${secs(performance.now() - t)}: ${uploaded}`);

    const settingsB = await openSettings(b);
    await fillSyncForm(settingsB, folder, 'Desktop', PASSPHRASE);
    const peak = await heapPeak(b, settingsB);
    const start = performance.now();
    let usableMs: number | null = null;
    const watch = setInterval(() => {
      if (usableMs !== null) return;
      count(settingsB, 'articles')
        .then((n) => {
          if (n >= ARTICLES && usableMs === null) usableMs = performance.now() - start;
        })
        .catch(() => undefined);
    }, 250);
    let runs = 0;
    let bodies = 0;
    let status = '';
    while (runs < 200) {
      status = await syncNow(settingsB);
      runs++;
      bodies = await count(settingsB, 'contents');
      if (bodies >= ARTICLES || !status.includes('Last successful sync')) break;
    }
    const allMs = performance.now() - start;
    clearInterval(watch);
    const articles = await count(settingsB, 'articles');
    console.log(
      `B library usable (${articles} articles): ${usableMs === null ? 'not reached' : secs(usableMs)} from the click`,
    );
    console.log(`B every body stored (${bodies} of ${ARTICLES}): ${secs(allMs)}, ${runs} "Sync now" runs`);
    console.log(
      `B settings page (where "Sync now" runs) peak JS heap: ${mb(peak())}; last status: ${status}`,
    );
  } finally {
    await a.close();
    await b.close();
    await server.stop();
  }
}

await main();

/**
 * `npm run bench:sync-chromium`: a first sync through the extension in Chromium (docs/sync.md
 * C.7), over loopback `rclone serve webdav`, encryption on. Profile A gets N articles (default
 * 10,000; BENCH_ARTICLES=n) seeded through the real storage code (the search bench's synthetic
 * articles: tests/bench/library-seed.ts) and uploads them from Settings → Sync ("Sync now").
 * A fresh profile B joins through the same form; figures: time from B's click until its library
 * holds every article (usable), until every body is stored with the reader clicking nothing more
 * (a run fetches bodies for about a minute, a background one while they land up to five; the
 * next one follows by itself half a minute later) and the runs that took, and the peak JS heap of
 * B's settings page (the first run works there, the later ones in the background worker) and of
 * B's worker, with the peak private resident memory of the extension's process (sync-worker-memory.ts). BENCH_CLICK=1 measures the old way instead: "Sync
 * now" clicked again at once after each run, as a reader waiting would.
 * Then "Sync now" once more on B with nothing new (at a small N the first one after the join: the
 * second seeding pass), and B's run log (utils/services/sync-run-log.ts): for every run, what
 * started it, when it asked for the run lock, got it and ended, counted from B's click, and the
 * time of each phase; A's upload run likewise, from A's click.
 * Baseline from the same run: one PUT and one GET of a 12 kB file (the request floor here), and
 * the seeding time. Prints figures with the load average; asserts nothing.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { RUN_LOG_KEY, type RunLogEntry } from '@/utils/services';
import { type ExtensionBrowser, launchWithExtension } from '../e2e/browser';
import {
  countStore as count,
  fillSyncForm,
  openSettings,
  PASSPHRASE,
  statusText,
  syncMetaValue,
  syncNow,
} from '../e2e/sync-helpers';
import { hasRclone, makeFolder, requestFloorMs, startRclone } from '../support/dav-servers';
import { seedScript } from './seed-bundle';
import { sampleWorkerMemory } from './sync-worker-memory';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
/** The old measure: "Sync now" clicked after every run (BENCH_CLICK=1). */
const CLICK = process.env.BENCH_CLICK === '1';
/** Without clicks, how long B is watched before the bench gives up. */
const WAIT_MS = 20 * 60_000;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** One line per run of the log since the click (Date.now() then): times from it, phases of 50 ms or more. */
function printRuns(log: RunLogEntry[], clickAt: number) {
  const at = (ms: number) => `${((ms - clickAt) / 1000).toFixed(1)}`;
  for (const run of log.filter((entry) => entry.endedAt >= clickAt)) {
    const phases = run.phases
      .filter(([, ms]) => ms >= 50)
      .map(([name, ms]) => `${name} ${secs(ms)}`)
      .join(', ');
    console.log(
      `  ${run.trigger} run: asked ${at(run.calledAt)} s, started ${at(run.startedAt)} s, ended ${at(run.endedAt)} s ` +
        `(${run.outcome}, ${run.bodiesFetched} bodies); ${phases || 'every phase under 50 ms'}`,
    );
  }
}

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
    const uploadAt = Date.now();
    const uploaded = await syncNow(settingsA);
    console.log(`A upload ("Sync now"): ${secs(performance.now() - t)}: ${uploaded}`);
    printRuns((await syncMetaValue<RunLogEntry[]>(settingsA, RUN_LOG_KEY)) ?? [], uploadAt);

    const settingsB = await openSettings(b);
    await fillSyncForm(settingsB, folder, 'Desktop', PASSPHRASE);
    const peak = await heapPeak(b, settingsB);
    const worker = await sampleWorkerMemory(b);
    const start = performance.now();
    const clickAt = Date.now();
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
    let allMs: number | undefined;
    let status = await syncNow(settingsB);
    if (CLICK) {
      runs = 1;
      bodies = await count(settingsB, 'contents');
      while (runs < 200 && bodies < ARTICLES && status.includes('Last successful sync')) {
        status = await syncNow(settingsB);
        runs++;
        bodies = await count(settingsB, 'contents');
      }
    } else {
      // No more clicks: the runs that follow by themselves, counted by the status they record.
      const runTimes = new Set<number>();
      // Each run's end as the poll first saw it: since the click, and the bodies stored by then.
      const runLog: string[] = [];
      const lastRun = async () => {
        const at = (await syncMetaValue<{ lastRunAt: number | null }>(settingsB, 'status'))?.lastRunAt;
        if (!at || runTimes.has(at)) return;
        runTimes.add(at);
        runLog.push(`${secs(performance.now() - start)} (${await count(settingsB, 'contents')} bodies)`);
      };
      const deadline = performance.now() + WAIT_MS;
      let polls = 0;
      for (;;) {
        polls++;
        await lastRun();
        bodies = await count(settingsB, 'contents');
        if (bodies >= ARTICLES || performance.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      allMs = performance.now() - start;
      // A later run that stored the last bodies records itself when it ends: count it too.
      const seen = runTimes.size;
      const until = performance.now() + 2 * 60_000;
      while (polls > 1 && bodies >= ARTICLES && runTimes.size === seen && performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await lastRun();
      }
      runs = runTimes.size;
      console.log(`B runs seen ending at: ${runLog.join(', ')}`);
      status = await statusText(settingsB);
    }
    allMs ??= performance.now() - start;
    clearInterval(watch);
    const articles = await count(settingsB, 'articles');
    console.log(
      `B library usable (${articles} articles): ${usableMs === null ? 'not reached' : secs(usableMs)} from the click`,
    );
    console.log(
      `B every body stored (${bodies} of ${ARTICLES}): ${secs(allMs)} from the click, ${runs} runs ` +
        (CLICK ? '("Sync now" clicked after each)' : '(one click to join, the rest by themselves)'),
    );
    console.log(`B settings page (where "Sync now" runs) peak JS heap: ${mb(peak())}; status: ${status}`);
    t = performance.now();
    await syncNow(settingsB);
    console.log(`B "Sync now" again, nothing new: ${secs(performance.now() - t)}`);
    console.log('B runs (times from the click; the run log):');
    printRuns((await syncMetaValue<RunLogEntry[]>(settingsB, RUN_LOG_KEY)) ?? [], clickAt);
    const memory = await worker();
    console.log(
      `B service worker (where the later runs work) peak JS heap: ${mb(memory.heap)} (${memory.samples} samples)` +
        `; extension process peak private resident memory (worker and settings page together): ${
          memory.processPeak === null ? 'not readable' : mb(memory.processPeak)
        }`,
    );
  } finally {
    await a.close();
    await b.close();
    await server.stop();
  }
}

await main();

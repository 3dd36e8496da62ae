import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { seedScript } from '../bench/seed-bundle';
import { PASSWORD, USER } from '../support/dav-servers';
import { type ExtensionBrowser, launchWithExtension } from './browser';
import { readStore } from './idb';
import { stopServiceWorker } from './service-worker';
import {
  countStore as count,
  davServers,
  idbRequest as idb,
  syncMetaValue as meta,
  PASSPHRASE,
  type StoredHighlight,
  useSyncPair,
} from './sync-helpers';

// docs/sync.md C.4: the extension's service worker stopped at random moments during a first sync
// (A uploading its library, then a fresh B downloading it), as MV3 stops it. Runs are the
// worker's own (the alarm), not the settings page's. After every stop: no success recorded for
// the stopped run, no highlight without its article, no body without its article, no article
// twice. Then the next runs finish and B's library equals A's: same articles, tags, highlights,
// notes and bodies. Sizes from the environment: `npm run bench:sync-kill` runs the study's
// 20 trials × 1,000 articles on each installed server; the suite runs one trial (A's upload and
// one fresh B, each stopped) at 100 through the first server: every article still goes up in A's
// first run and down in B's, with bodies and highlights, so a stop still lands inside a first sync
// on each side (asserted), and the engine's kill trials (tests/unit/sync/kill-trials.ts) place
// kills between every two kinds of step on both real servers. What this file adds to those is the
// worker's side (a stopped MV3 worker, its alarm and its next run), which no server changes;
// sync.e2e.test.ts still takes the extension through both servers. `SYNC_KILL_SERVERS=2` for both.
const ARTICLES = Number(process.env.SYNC_KILL_ARTICLES ?? 100);
const killServers = davServers().slice(0, Number(process.env.SYNC_KILL_SERVERS ?? 1));
const TRIALS = Number(process.env.SYNC_KILL_TRIALS ?? 1);
/** Stops per trial at most (a run that ends before its stop counts none). */
const STOPS = Number(process.env.SYNC_KILL_STOPS ?? 2);
/** A run's end is awaited this long before the test gives up. */
const RUN_BOUND_MS = 10 * 60_000;

interface Status {
  lastSuccessAt: number | null;
  lastRunAt: number | null;
  lastError: { code: string } | null;
}

/** Stops the extension's service worker the way the browser does when it idles it. */
async function stopWorker(browser: ExtensionBrowser): Promise<boolean> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  try {
    return await stopServiceWorker(cdp, browser.extensionUrl('/'));
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The worker's sync alarm, due now (an unpacked extension's alarms may fire at once). */
const fireAlarm = (page: Page) =>
  page.evaluate(() => chrome.alarms.create('readmark-sync-soon', { when: Date.now() }));

/** What must hold at any moment, even right after a stop. */
async function expectWhole(page: Page) {
  const articles = await readStore<{ id: string; canonicalUrl: string }>(page, 'articles');
  const ids = new Set(articles.map((a) => a.id));
  expect(new Set(articles.map((a) => a.canonicalUrl)).size).toBe(articles.length);
  const highlights = await readStore<StoredHighlight>(page, 'highlights');
  expect(highlights.filter((h) => !ids.has(h.articleId))).toEqual([]);
  const contents = await readStore<{ articleId: string }>(page, 'contents');
  expect(contents.filter((c) => !ids.has(c.articleId))).toEqual([]);
}

/** The library, comparable across machines. */
async function libraryOf(page: Page) {
  const articles = await readStore<{ id: string; title: string; tags: string[]; archived: number }>(
    page,
    'articles',
  );
  const highlights = await readStore<StoredHighlight>(page, 'highlights');
  const contents = await readStore<{ articleId: string; textContent: string }>(page, 'contents');
  return {
    articles: articles.map((a) => `${a.id} ${a.title} [${[...a.tags].sort()}] ${a.archived}`).sort(),
    highlights: highlights.map((h) => `${h.id} ${h.articleId} ${h.quote.exact} ${h.note}`).sort(),
    contents: contents.map((c) => `${c.articleId} ${c.textContent}`).sort(),
  };
}

const figures: string[] = [];
afterAll(() => {
  for (const line of figures) console.log(`[sync kill] ${line}`);
});

describe.each(killServers)('service worker stopped during a first sync through $name', (server) => {
  const pair = useSyncPair(server);

  /**
   * Waits for the moment of a stop. The first stop of each side lands in the middle of its first
   * run: once the run has sent a random number of its requests to the server (a first sync of
   * ARTICLES articles sends more than ARTICLES / 2: A's upload about 3.4 per article, B's download
   * about 1). A timed window alone mostly fell before the run's first request (the engine's
   * 2 s pause after creating the folder) or, on a fast B, after the run had ended, so a trial
   * could stop nothing inside a run. The later stops keep the timed window: any moment, the
   * seeding and the pause included.
   */
  async function stopMoment(attempt: number) {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    if (attempt > 0) return sleep(50 + Math.random() * 5 * ARTICLES);
    const target = pair.proxy.log.length + 1 + Math.floor((Math.random() * ARTICLES) / 2);
    // Bounded: a run that ends early (an error) is checked as a finished run below.
    const giveUp = Date.now() + 30_000;
    while (pair.proxy.log.length < target && Date.now() < giveUp) await sleep(5);
  }

  /**
   * Sets sync up as the form saves it, then has the worker sync by its alarm, stopping the worker
   * up to STOPS times at random moments; then lets the runs finish. Answers the stops made.
   */
  async function syncWithStops(browser: ExtensionBrowser, page: Page, deviceName: string) {
    const config = { url: pair.folder, user: USER, password: PASSWORD, passphrase: PASSPHRASE, deviceName };
    await idb(page, { put: { key: 'config', value: config } });
    let stops = 0;
    const runs: string[] = [];
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const successBefore = (await meta<Status>(page, 'status'))?.lastSuccessAt ?? null;
      const firedAt = Date.now();
      await fireAlarm(page);
      if (attempt < STOPS) {
        await stopMoment(attempt);
        // Stop first, then read what was recorded: a stopped worker writes nothing more, so the
        // status now says whether the run ended before the stop. (Reading first and stopping
        // after let a run end in between and rightly record its success: a false failure.)
        const stopped = await stopWorker(browser);
        const status = await meta<Status>(page, 'status');
        if ((status?.lastRunAt ?? 0) < firedAt) {
          if (stopped) stops++;
          // The stopped run recorded no success (nor anything else), and left the library whole.
          expect(status?.lastSuccessAt ?? null).toBe(successBefore);
          await expectWhole(page);
          continue;
        }
        // The run ended before the stop: it is checked below like any finished run.
      }
      // Let this run end; runs continue until every body is in (the alarm's next runs).
      await expect
        .poll(async () => (await meta<Status>(page, 'status'))?.lastRunAt ?? 0, {
          timeout: RUN_BOUND_MS,
          interval: 250,
        })
        .toBeGreaterThanOrEqual(firedAt);
      const status = await meta<Status>(page, 'status');
      expect(status?.lastError ?? null).toBeNull();
      const pending = await count(page, 'syncOutbox');
      const missing = (await count(page, 'articles')) - (await count(page, 'contents'));
      runs.push(`${((status?.lastRunAt ?? 0) - firedAt) / 1000}`);
      if (status?.lastSuccessAt && pending === 0 && missing === 0) break;
    }
    console.log(`[sync kill] ${deviceName}: runs after the stops took ${runs.join(', ')} s`);
    // A trial whose stops all came after its runs had ended would prove nothing.
    if (STOPS > 0) expect(stops, `${deviceName}: no stop landed inside a run`).toBeGreaterThan(0);
    return { stops, ms: Date.now() - started };
  }

  test(
    `${TRIALS} first syncs of ${ARTICLES} articles with the worker stopped at random moments`,
    async () => {
      // A: a library of ARTICLES articles, uploaded with stops.
      const seeding = await pair.a.open(pair.a.extensionUrl('/options.html'));
      await seeding.evaluate(await seedScript());
      await seeding.evaluate(
        (count) =>
          (globalThis as unknown as { readmarkSeed(n: number): Promise<unknown> }).readmarkSeed(count),
        ARTICLES,
      );
      const upload = await syncWithStops(pair.a, seeding, 'Laptop');
      const reference = await libraryOf(seeding);
      expect(reference.articles).toHaveLength(ARTICLES);
      figures.push(
        `${server.name}: A uploaded ${ARTICLES} articles with ${upload.stops} stops in ${(upload.ms / 1000).toFixed(1)} s`,
      );

      // A fresh B per trial: its first sync, with stops. The first is the pair's B, started fresh
      // and not used before (one Chromium fewer per server); each later trial starts its own.
      let passed = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        const b = trial === 0 ? pair.b : await launchWithExtension([], { hostAccess: true });
        try {
          const page = await b.open(b.extensionUrl('/options.html'));
          await page.getByLabel('Server URL').waitFor();
          const download = await syncWithStops(b, page, `Desktop ${trial}`);
          await expectWhole(page);
          expect(await libraryOf(page)).toEqual(reference);
          expect(
            await readStore(page, 'syncMeta').then((rows) =>
              rows.filter((r) => String(r.key).startsWith('apply:')),
            ),
          ).toEqual([]);
          passed++;
          figures.push(
            `${server.name}: trial ${trial + 1}, B's first sync with ${download.stops} stops: ${(download.ms / 1000).toFixed(1)} s, library equal to A's`,
          );
        } finally {
          // The pair's B is closed with the pair.
          if (b !== pair.b) await b.close();
        }
      }
      figures.push(`${server.name}: ${passed}/${TRIALS} trials passed`);
    },
    RUN_BOUND_MS * (TRIALS + 1),
  );
});

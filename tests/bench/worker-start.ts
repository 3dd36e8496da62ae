/**
 * `npm run bench:worker-start [-- --baseline DIR]`: how long an extension page waits for the
 * background's answer when Chrome has stopped the service worker (as it does 30 s after the last
 * event), which every action through the background meets after the reader idled: a highlight
 * from the page, the context-menu highlight, Listen, sync alarms.
 *
 * Each trial, per build (the order alternating trial by trial): the worker is stopped the way
 * bench:preview's BENCH_ASLEEP stops it, then an extension page of that build sends `ping` and
 * times the answer (the worker started, its script evaluated, the message handled), then pings
 * again with the worker running (the message's own cost, the floor). Of the woken worker it also
 * reads `performance.timeOrigin` (when the browser started that worker), which splits the wait
 * into "until the worker starts" and "its script and the handler". The floor is a throwaway
 * extension whose worker is a one-line ping answer, stopped and pinged the same way in the same
 * trials. Prints p50/p95 of each and each build's background.js size.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { EXTENSION_DIR, launchChromium } from '../e2e/browser';
import { stopServiceWorker } from '../e2e/service-worker';
import { baselineDir, fmt, quantile, unpackedExtensionId } from './popup-extensions';

/** `BENCH_TRIALS=n` (default 30). */
const TRIALS = Number(process.env.BENCH_TRIALS) || 30;

interface Trial {
  /** Ping sent → answered, worker stopped beforehand. */
  asleep: number;
  /** Ping sent → the woken worker's time origin (the browser starting it). */
  toStart: number;
  /** The woken worker's time origin → answered: its script evaluated and the ping handled. */
  startToAnswer: number;
  /** Ping sent → answered, worker running. */
  awake: number;
}

interface Build {
  label: string;
  dir: string;
  id: string;
  page: Page;
  trials: Trial[];
}

/** A throwaway extension whose worker only answers a ping as Readmark's does: the browser's floor. */
function floorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-floor-worker-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Floor worker',
      version: '1.0',
      background: { service_worker: 'background.js' },
    }),
  );
  writeFileSync(
    join(dir, 'background.js'),
    "chrome.runtime.onMessage.addListener((m, s, answer) => { answer({ ok: true, value: { version: '1.0' } }); });",
  );
  writeFileSync(join(dir, 'review.html'), '<!doctype html><meta charset="utf-8"><title>Floor</title>');
  return dir;
}

/** Sends `ping` from the page: sent and answered, in the epoch clock (ms, sub-ms precise). */
function ping(page: Page): Promise<{ sent: number; answered: number; version?: string }> {
  return page.evaluate(async () => {
    // No helper function here: tsx would wrap it in a __name() the page does not have.
    const sent = performance.timeOrigin + performance.now();
    const answer = (await chrome.runtime.sendMessage({ type: 'ping', payload: {} })) as {
      ok: boolean;
      value?: { version: string };
    };
    const answered = performance.timeOrigin + performance.now();
    if (!answer?.ok) throw new Error(`ping: ${JSON.stringify(answer)}`);
    return { sent, answered, version: answer.value?.version };
  });
}

/** The running worker of extension `id` (the one just woken by a ping). */
async function workerOf(context: BrowserContext, id: string) {
  for (let tries = 0; tries < 50; tries++) {
    const worker = context.serviceWorkers().find((w) => w.url().includes(id));
    if (worker) {
      const origin = await worker.evaluate(() => performance.timeOrigin).catch(() => null);
      if (origin !== null) return origin;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no running service worker for ${id}`);
}

async function main() {
  const baseline = baselineDir();
  const dirs = [
    { label: 'this build', dir: EXTENSION_DIR },
    ...(baseline ? [{ label: 'baseline', dir: baseline }] : []),
    { label: 'floor', dir: floorExtension() },
  ];
  const list = dirs.map((b) => b.dir).join(',');
  const context = await launchChromium([`--disable-extensions-except=${list}`, `--load-extension=${list}`]);
  const cdp = await context.browser()!.newBrowserCDPSession();
  const builds: Build[] = [];
  for (const { label, dir } of dirs) {
    const id = unpackedExtensionId(dir);
    // The review page sends nothing to the background by itself: the ping is the worker's only event.
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/review.html`, { waitUntil: 'load' });
    builds.push({ label, dir, id, page, trials: [] });
  }
  // Installed and started once: the first start (install, offscreen document) is not a wake-up.
  for (const build of builds) await ping(build.page);
  await new Promise((r) => setTimeout(r, 2_000));

  for (let n = 0; n < TRIALS; n++) {
    const order = n % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      if (!(await stopServiceWorker(cdp, `chrome-extension://${build.id}/`)))
        throw new Error(`${build.label}: no service worker to stop`);
      // Let the browser see the worker gone, as after an idle stop (bench:preview's BENCH_ASLEEP).
      await new Promise((r) => setTimeout(r, 300));
      const woken = await ping(build.page);
      const origin = await workerOf(context, build.id);
      const running = await ping(build.page);
      build.trials.push({
        asleep: woken.answered - woken.sent,
        toStart: origin - woken.sent,
        startToAnswer: woken.answered - origin,
        awake: running.answered - running.sent,
      });
    }
  }
  await context.close();

  const columns: [string, keyof Trial][] = [
    ['ping, worker stopped', 'asleep'],
    ['  sent → worker started', 'toStart'],
    ['  worker started → answer', 'startToAnswer'],
    ['ping, worker running', 'awake'],
  ];
  console.log(
    `\nService worker start, ${TRIALS} trials per build, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`${''.padEnd(30)}${builds.map((b) => `${b.label.padStart(16)}`).join('')}   (p50 / p95 ms)`);
  for (const [name, key] of columns) {
    const cells = builds.map((b) => {
      const values = b.trials.map((t) => t[key]);
      return `${fmt(quantile(values, 0.5))} /${fmt(quantile(values, 0.95))}`.padStart(16);
    });
    console.log(`${name.padEnd(30)}${cells.join('')}`);
  }
  const sizes = builds.map((b) =>
    `${(statSync(join(b.dir, 'background.js')).size / 1000).toFixed(0)} kB`.padStart(16),
  );
  console.log(`${'background.js'.padEnd(30)}${sizes.join('')}`);
  if (baseline) {
    const ratio = (key: keyof Trial) =>
      quantile(
        builds[0]!.trials.map((t) => t[key]),
        0.5,
      ) /
      quantile(
        builds[1]!.trials.map((t) => t[key]),
        0.5,
      );
    console.log(
      `this build / baseline, p50: stopped ${ratio('asleep').toFixed(2)}×, worker started → answer ${ratio('startToAnswer').toFixed(2)}×`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run bench:sync`: the sync engine over loopback `rclone serve webdav`, encryption on
 * (PBKDF2 at the production 600,000 iterations).
 * Device A uploads N articles (default 10,000; BENCH_ARTICLES=n) with one highlight per fifth
 * article and synthetic HTML bodies whose sizes follow a log-normal spread (median 12 kB, 5 %–95 %
 * about 4–40 kB: an assumption, not measured on the project's corpus). Then a fresh device B, in a
 * process of its own so that its peak memory is its own (bodies written to a temporary folder, as
 * the worker writes them to IndexedDB, records in memory): time until its library is usable
 * (every record merged, bodies not yet), then until every body is stored (runs of the engine's
 * time bound, BODY_LOOP_MS); B
 * then makes one change. Back in A: the sync receiving that one change, then one with nothing to
 * do (key open, and key derived as a worker just woken). Figures are for the engine in Node with
 * in-memory stores, not the extension's worker and IndexedDB. Baseline in the same run: one PUT and
 * one GET of a 12 kB file (the floor per request on this machine). Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  type BodyStore,
  type FileKeys,
  MIN_PBKDF2_ITERATIONS,
  type ReceivedBody,
  syncOnce,
  WebDavTarget,
} from '@/utils/sync';
import { hasRclone, makeFolder, PASSWORD, requestFloorMs, startRclone, USER } from '../support/dav-servers';
import { Device } from '../unit/sync/harness';
import { type Counter, counting, mb } from './counting-fetch';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);

/** A seeded log-normal body size (Box–Muller over a small LCG). */
function sizes(count: number): number[] {
  let seed = 17;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return (seed + 1) / (2 ** 31 + 1);
  };
  return Array.from({ length: count }, () => {
    const normal = Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
    return Math.round(12_000 * Math.exp(0.7 * normal));
  });
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Bodies on disk, one file per hash (the worker keeps them in IndexedDB, not in memory). */
class DiskBodies implements BodyStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  async read(hash: string) {
    return access(join(this.dir, hash)).then(
      async () => new Uint8Array(await readFile(join(this.dir, hash))),
      () => null,
    );
  }
  async missing(hashes: string[]) {
    const stored = new Set(await readdir(this.dir));
    return hashes.filter((hash) => !stored.has(hash));
  }
  async write(bodies: ReceivedBody[]) {
    await Promise.all(bodies.map(({ hash, bytes }) => writeFile(join(this.dir, hash), bytes)));
  }
}

interface ReceiverFigures {
  usable: { status: string; ms: number; articles: number; requests: number; down: number };
  bodies: { ms: number; runs: number; requests: number; down: number; stored: number };
  peakRss: number;
  /** RSS before the first sync: Node, tsx and the engine's code, not the sync's data. */
  baselineRss: number;
}

/** Device B, in its own process: join, list usable, every body stored, then one change sent. */
async function receiver(url: string) {
  const counter: Counter = { requests: 0, up: 0, down: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'readmark-bench-bodies-'));
  try {
    const b = new Device('benchB', url);
    b.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: counting(counter) });
    const bodies = new DiskBodies(dir);
    const baselineRss = process.memoryUsage().rss;
    let t = performance.now();
    const first = await b.sync({ bodies, bodiesPerRun: 0 });
    const usable = {
      status: first.status,
      ms: performance.now() - t,
      articles: b.store.library().articles.size,
      requests: counter.requests,
      down: counter.down,
    };
    let runs = 0;
    let pending = Number.POSITIVE_INFINITY;
    let stored = 0;
    while (pending > 0 && runs < 100) {
      const result = await b.sync({ bodies });
      if (result.status !== 'done') throw new Error(JSON.stringify(result));
      pending = result.bodiesPending;
      stored += result.bodiesFetched;
      runs++;
    }
    const figures: ReceiverFigures = {
      usable,
      bodies: { ms: performance.now() - t, runs, requests: counter.requests, down: counter.down, stored },
      peakRss,
      baselineRss,
    };
    b.store.addHighlight('hl-from-b', 'article-1', 'one more', 'made on B');
    t = performance.now();
    const sent = await b.sync({ bodies });
    if (sent.status !== 'done') throw new Error(JSON.stringify(sent));
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run device B in a child process (this file, argument "receiver"); its figures come back as JSON. */
function runReceiver(url: string): Promise<ReceiverFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), 'receiver', url],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(line) as ReceiverFigures);
      else reject(new Error(`device B exited with ${code}: ${out}`));
    });
  });
}

async function main() {
  if (!hasRclone()) {
    console.log('NOTICE: rclone is not installed (apt-get install rclone): bench:sync skipped');
    return;
  }
  const server = await startRclone();
  try {
    const url = `${server.url}bench/`;
    await makeFolder(url);
    const counterA: Counter = { requests: 0, up: 0, down: 0 };
    const a = new Device('benchA', url);
    a.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: counting(counterA) });

    // Baseline: one PUT and one GET of a median-sized file.
    const floorMs = await requestFloorMs(url);
    let t: number;

    const bodySizes = sizes(ARTICLES);
    let bodyBytes = 0;
    for (let i = 0; i < ARTICLES; i++) {
      const paragraph = `<p>Paragraph of article ${i} about harbours, bread and ledgers. </p>`;
      const body = paragraph.repeat(Math.max(1, Math.round((bodySizes[i] ?? 0) / paragraph.length)));
      bodyBytes += body.length;
      await a.save(`article-${i}`, `https://site${i % 97}.example/story/${i}`, body);
      if (i % 5 === 0) a.store.addHighlight(`hl-${i}`, `article-${i}`, `harbours ${i}`, `note ${i}`);
    }
    console.log(
      `${ARTICLES} articles, bodies ${mb(bodyBytes)} in all; request floor ${floorMs.toFixed(1)} ms`,
    );

    t = performance.now();
    const keys = new Map<string, FileKeys>();
    const created = await a.sync({
      createIfEmpty: true,
      kdfIterations: MIN_PBKDF2_ITERATIONS,
      keyCache: keys,
    });
    console.log(
      `A upload: ${created.status}, ${secs(performance.now() - t)}, ${counterA.requests} requests, ${mb(counterA.up)} up`,
    );

    const b = await runReceiver(url);
    console.log(
      `B (own process) library usable: ${b.usable.status}, ${secs(b.usable.ms)}, ${b.usable.articles} articles, ` +
        `${b.usable.requests} requests, ${mb(b.usable.down)} down`,
    );
    console.log(
      `B every body stored: ${secs(b.bodies.ms)} from the start (${b.bodies.runs} runs, ${b.bodies.stored} bodies), ` +
        `${b.bodies.requests} requests, ${mb(b.bodies.down)} down; peak RSS of B's process ${mb(b.peakRss)} (${mb(b.baselineRss)} before its first sync)`,
    );

    // B made one change. A receives it with its key open; then nothing to do, key open (a worker
    // still running) and key derived (a worker just woken: PBKDF2 at 600,000 iterations).
    const runs = [
      ['one change from B (key open)', keys],
      ['nothing to do (key open)', keys],
      ['nothing to do (key derived)', new Map<string, FileKeys>()],
    ] as const;
    for (const [label, keyCache] of runs) {
      const before = counterA.requests;
      t = performance.now();
      const result = await syncOnce({
        target: a.target,
        store: a.store,
        bodies: a.bodies,
        passphrase: a.passphrase,
        now: a.store.now,
        keyCache,
      });
      console.log(
        `A sync with ${label}: ${result.status}, ${(performance.now() - t).toFixed(0)} ms, ` +
          `${counterA.requests - before} requests`,
      );
    }
    console.log(`peak RSS of A's process (A holds every body in memory): ${mb(peakRss)}`);
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

if (process.argv[2] === 'receiver') {
  await receiver(process.argv[3] as string).finally(() => clearInterval(sampler));
} else {
  await main();
}

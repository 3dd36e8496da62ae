/**
 * `npm run bench:sync`: the sync engine over loopback `rclone serve webdav`, encryption on.
 * Device A uploads N articles (default 10,000; BENCH_ARTICLES=n) with one highlight per fifth
 * article and synthetic HTML bodies whose sizes follow a log-normal spread (median 12 kB, 5 %–95 %
 * about 4–40 kB: an assumption, not measured on the project's corpus); then a fresh device B syncs:
 * time until its library is usable (every record merged, bodies not yet), then until every body is
 * stored (runs of 500 bodies); then a sync with nothing to do and one with one change.
 * Figures are for the engine in Node with in-memory stores, not the extension's worker and
 * IndexedDB. Peak memory is this process's RSS. Baseline in the same run: one PUT and one GET of a
 * 12 kB file (the floor per request on this machine). Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { type FileKeys, syncOnce, WebDavTarget } from '@/utils/sync';
import { Device } from '../unit/sync/harness';
import { hasRclone, makeFolder, PASSWORD, startRclone, USER } from '../unit/sync/servers';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);

interface Counter {
  requests: number;
  up: number;
  down: number;
}

function counting(counter: Counter): typeof fetch {
  return async (input, init) => {
    counter.requests++;
    const body = init?.body;
    if (body instanceof Uint8Array) counter.up += body.length;
    else if (typeof body === 'string') counter.up += body.length;
    const response = await fetch(input, init);
    counter.down += Number(response.headers.get('content-length') ?? 0);
    return response;
  };
}

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

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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
    const counterB: Counter = { requests: 0, up: 0, down: 0 };
    const a = new Device('benchA', url);
    const b = new Device('benchB', url);
    a.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: counting(counterA) });
    b.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: counting(counterB) });

    // Baseline: one PUT and one GET of a median-sized file.
    const floor = new WebDavTarget({ url, user: USER, password: PASSWORD });
    const sample = new Uint8Array(12_000);
    let t = performance.now();
    for (let i = 0; i < 20; i++) await floor.put(`floor-${i}.bin`, sample);
    for (let i = 0; i < 20; i++) await floor.get(`floor-${i}.bin`);
    const floorMs = (performance.now() - t) / 40;
    for (let i = 0; i < 20; i++) await floor.remove(`floor-${i}.bin`);

    const bodySizes = sizes(ARTICLES);
    let bodyBytes = 0;
    for (let i = 0; i < ARTICLES; i++) {
      const paragraph = `<p>Paragraph of article ${i} about harbours, bread and ledgers. </p>`;
      const body = paragraph.repeat(Math.max(1, Math.round(bodySizes[i]! / paragraph.length)));
      bodyBytes += body.length;
      await a.save(`article-${i}`, `https://site${i % 97}.example/story/${i}`, body);
      if (i % 5 === 0) a.store.addHighlight(`hl-${i}`, `article-${i}`, `harbours ${i}`, `note ${i}`);
    }
    console.log(
      `${ARTICLES} articles, bodies ${mb(bodyBytes)} in all; request floor ${floorMs.toFixed(1)} ms`,
    );

    t = performance.now();
    const created = await a.sync({ createIfEmpty: true });
    const uploadMs = performance.now() - t;
    console.log(
      `A upload: ${created.status}, ${secs(uploadMs)}, ${counterA.requests} requests, ${mb(counterA.up)} up`,
    );

    t = performance.now();
    const first = await b.sync({ bodiesPerRun: 0 });
    const usableMs = performance.now() - t;
    console.log(
      `B library usable: ${first.status}, ${secs(usableMs)}, ${b.store.library().articles.size} articles, ` +
        `${counterB.requests} requests, ${mb(counterB.down)} down`,
    );
    let runs = 0;
    let pending = Number.POSITIVE_INFINITY;
    while (pending > 0 && runs < 100) {
      const result = await b.sync({ bodiesPerRun: 500 });
      if (result.status !== 'done') throw new Error(JSON.stringify(result));
      pending = result.bodiesPending;
      runs++;
    }
    const bodiesMs = performance.now() - t;
    console.log(
      `B every body stored: ${secs(bodiesMs)} from the start (${runs} runs), ${counterB.requests} requests, ${mb(counterB.down)} down`,
    );

    // A worker that has just woken derives the key (PBKDF2, 600,000 iterations); one still running
    // has it open already. Both are printed.
    const keyCache = new Map<string, FileKeys>();
    for (const [label, change] of [
      ['nothing to do (key derived)', false],
      ['nothing to do (key open)', false],
      ['one change (key open)', true],
    ] as const) {
      if (change) a.store.addHighlight('hl-new', 'article-1', 'one more', 'new');
      if (change) await a.sync();
      const before = counterB.requests;
      t = performance.now();
      const result = await syncOnce({
        target: b.target,
        store: b.store,
        bodies: b.bodies,
        passphrase: b.passphrase,
        now: b.store.now,
        keyCache,
      }).catch((e) => e);
      console.log(
        `B sync with ${label}: ${result.status}, ${(performance.now() - t).toFixed(0)} ms, ` +
          `${counterB.requests - before} requests`,
      );
    }
    console.log(`peak RSS of this process: ${mb(peakRss)}`);
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

await main();

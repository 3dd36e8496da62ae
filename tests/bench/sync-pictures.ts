/**
 * `npm run bench:sync-pictures`: stored pictures through the sync engine over loopback
 * `rclone serve webdav`, encryption on (PBKDF2 at the tests' 2,000 iterations: key derivation is
 * not what is measured here). Device A saves N articles (default 100; BENCH_ARTICLES=n), each with
 * two pictures of its own (random bytes, 50–350 kB) and one picture every article shares (a site's
 * logo, 20 kB); a fresh device B joins and syncs until every picture is stored. Baseline in the
 * same run: the same distinct picture bytes PUT and then GET as plain files, four at a time (what
 * the engine's transfers cost without sealing, naming, checking and bookkeeping). Engine in Node
 * with in-memory stores, not the extension's worker and IndexedDB. Prints figures; asserts nothing.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { bodyHash, WebDavTarget } from '@/utils/sync';
import { hasRclone, makeFolder, PASSWORD, startRclone, USER } from '../support/dav-servers';
import { Device } from '../unit/sync/harness';
import { type Counter, counting, mb } from './counting-fetch';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100);

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Seeded pseudo-random bytes (incompressible, as photos are). */
function bytesOf(seed: number, length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed * 2_654_435_761 + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    out[i] = x & 0xff;
  }
  return out;
}

async function fourAtATime<T>(items: T[], task: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

async function main() {
  if (!(await hasRclone())) {
    console.warn('[bench:sync-pictures] rclone is not installed: skipped');
    return;
  }
  const server = await startRclone();
  try {
    const url = `${server.url}pictures/`;
    await makeFolder(url);
    const a = new Device('benchA', url);
    const logo = bytesOf(0, 20_000);
    const distinct: Uint8Array<ArrayBuffer>[] = [logo];
    for (let n = 0; n < ARTICLES; n++) {
      const own = [
        bytesOf(2 * n + 1, 50_000 + ((n * 7919) % 300_000)),
        bytesOf(2 * n + 2, 50_000 + ((n * 104_729) % 300_000)),
      ];
      distinct.push(...own);
      const images: [string, string][] = [];
      for (const [i, bytes] of [logo, ...own].entries()) {
        const hash = await bodyHash(bytes);
        a.pictures.files.set(hash, { type: 'image/jpeg', bytes });
        images.push([`https://cdn.example/${n}/${i}.jpg`, hash]);
      }
      const body = await a.bodies.add(`<p>Article ${n}</p>`);
      a.store.saveArticle(`art${n}`, `https://news.example/${n}`, `Title ${n}`, { bodyHash: body, images });
    }
    const total = distinct.reduce((sum, bytes) => sum + bytes.length, 0);

    const upCounter: Counter = { requests: 0, up: 0, down: 0 };
    a.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: counting(upCounter) });
    let t = performance.now();
    const sent = await a.sync({ createIfEmpty: true });
    const upMs = performance.now() - t;
    if (sent.status !== 'done') throw new Error(JSON.stringify(sent));

    const downCounter: Counter = { requests: 0, up: 0, down: 0 };
    const b = new Device('benchB', url);
    b.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: counting(downCounter) });
    t = performance.now();
    let runs = 0;
    let pending = Number.POSITIVE_INFINITY;
    let usableMs = 0;
    while (pending > 0 && runs < 200) {
      const result = await b.sync();
      if (result.status !== 'done') throw new Error(JSON.stringify(result));
      if (runs === 0) usableMs = performance.now() - t;
      pending = result.picturesPending;
      runs++;
    }
    const downMs = performance.now() - t;

    // Baseline: the same distinct bytes as plain files, four at a time, no engine.
    const plainUrl = `${server.url}plain/`;
    await makeFolder(plainUrl);
    const plain = new WebDavTarget({ url: plainUrl, user: USER, password: PASSWORD });
    const indexes = distinct.map((_, i) => i);
    t = performance.now();
    await fourAtATime(indexes, (i) => plain.put(`p/${i}.bin`, distinct[i]!));
    const plainUpMs = performance.now() - t;
    t = performance.now();
    await fourAtATime(indexes, (i) => plain.get(`p/${i}.bin`));
    const plainDownMs = performance.now() - t;

    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `${ARTICLES} articles, ${distinct.length} distinct pictures (${ARTICLES * 3} links), ${mb(total)} of picture bytes`,
    );
    console.log(
      `A upload: ${secs(upMs)}, ${upCounter.requests} requests, ${mb(upCounter.up)} up, pictures sent ${sent.picturesSent}`,
    );
    console.log(
      `B: library and bodies after ${secs(usableMs)}; every picture stored after ${secs(downMs)} (${runs} runs, ${downCounter.requests} requests, ${mb(downCounter.down)} down), ${b.pictures.files.size} pictures stored`,
    );
    console.log(
      `baseline, same bytes as plain files 4 at a time: PUT ${secs(plainUpMs)}, GET ${secs(plainDownMs)}; ratio engine/plain: up ${(upMs / plainUpMs).toFixed(2)}×, down ${(downMs / plainDownMs).toFixed(2)}×`,
    );
  } finally {
    await server.stop();
  }
}

await main();

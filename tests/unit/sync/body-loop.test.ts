// @vitest-environment node
// The engine's body loop (engine.ts, fetchBodies): the missing bodies found once, fetched in
// batches until the run's bound, each checked against its hash, each batch stored at once. A run
// stopped in the middle stores whole bodies only and reports no success; the next run fetches
// the rest, none twice. A body whose content does not match its hash is never stored, and the
// run says so. In-process WebDAV server, engine with in-memory stores (harness.ts).
import { describe, expect, test } from 'vitest';
import { hasMoreToFetch } from '@/utils/services';
import { bodyHash, WebDavTarget } from '@/utils/sync';
import { PASSWORD, USER } from '../../support/dav-servers';
import { Device, expectDone, inProcessFolders } from './harness';
import { listAll } from './support';

const newFolder = inProcessFolders('body-loop');

/** A with `count` articles uploaded, B joined to the same folder (records only: no body yet). */
async function uploaded(count: number) {
  const url = await newFolder();
  const a = new Device('devA', url);
  const b = new Device('devB', url);
  for (let i = 0; i < count; i++) await a.save(`art-${i}`, `https://example.org/${i}`, `<p>Body ${i}</p>`);
  expectDone(await a.sync({ createIfEmpty: true }));
  expectDone(await b.sync({ bodiesPerRun: 0 }));
  expect(b.store.library().articles.size).toBe(count);
  return { url, a, b };
}

/** Every body B stored matches its hash (never half a body), and none was stored twice. */
async function expectWholeOnce(b: Device) {
  for (const [hash, bytes] of b.bodies.files) expect(await bodyHash(bytes)).toBe(hash);
  const written = b.bodies.writes.flat();
  expect(new Set(written).size).toBe(written.length);
}

/**
 * The folder as B reads it, with `onBlobGet(n)` asked at the n-th body download (from 1): it may
 * answer a Response of its own or throw (the server going away); undefined downloads as usual.
 */
function blobGets(url: string, onBlobGet: (n: number) => Response | undefined): WebDavTarget {
  let gets = 0;
  return new WebDavTarget({
    url,
    user: USER,
    password: PASSWORD,
    fetch: async (input, init) => {
      if ((init?.method ?? 'GET') === 'GET' && String(input).includes('/blob/')) {
        const answer = onBlobGet(++gets);
        if (answer) return answer;
      }
      return fetch(input, init);
    },
  });
}

/** The server going away at body download `from` and after. */
const goneFrom = (from: number) => (n: number) => {
  if (n >= from) throw new TypeError('fetch failed');
  return undefined;
};

describe('the body loop', () => {
  test('fetches every missing body in one run, in batches each stored at once', async () => {
    const { b } = await uploaded(120);
    const result = await b.sync();
    expectDone(result);
    expect(result).toMatchObject({ bodiesFetched: 120, bodiesPending: 0, bodiesUntried: 0 });
    expect(b.bodies.files.size).toBe(120);
    // Batches of 50: three writes, not 120.
    expect(b.bodies.writes.map((batch) => batch.length)).toEqual([50, 50, 20]);
    await expectWholeOnce(b);
    expect(hasMoreToFetch(result)).toBe(false);
  });

  test('a run stopped by the server mid-loop stores whole bodies only, reports no success, and the next run resumes', async () => {
    const { b, url } = await uploaded(120);
    // The server goes away after 70 body downloads: in the second batch.
    const inner = new WebDavTarget({ url, user: USER, password: PASSWORD });
    b.target = blobGets(url, goneFrom(71));
    const successBefore = b.store.book.lastSuccessAt;
    const stopped = await b.sync();
    expect(stopped).toMatchObject({ status: 'failed', reason: 'remote' });
    expect(b.store.book.lastSuccessAt).toBe(successBefore);
    // The first batch was stored whole; nothing of the stopped one.
    expect(b.bodies.files.size).toBe(50);
    await expectWholeOnce(b);

    b.target = inner;
    const resumed = await b.sync();
    expectDone(resumed);
    expect(resumed).toMatchObject({ bodiesFetched: 70, bodiesPending: 0 });
    expect(b.bodies.files.size).toBe(120);
    await expectWholeOnce(b);
  });

  test('a run that reaches its bound leaves the rest untried, and the next run fetches only those', async () => {
    const { b } = await uploaded(60);
    const capped = await b.sync({ bodiesPerRun: 25 });
    expectDone(capped);
    expect(capped).toMatchObject({ bodiesFetched: 25, bodiesPending: 35, bodiesUntried: 35 });
    expect(hasMoreToFetch(capped)).toBe(true);
    // A bound already passed: no batch is started.
    const late = await b.sync({ bodiesUntil: 0 });
    expectDone(late);
    expect(late).toMatchObject({ bodiesFetched: 0, bodiesPending: 35, bodiesUntried: 35 });
    expect(hasMoreToFetch(late)).toBe(true);
    const rest = await b.sync();
    expectDone(rest);
    expect(rest).toMatchObject({ bodiesFetched: 35, bodiesPending: 0, bodiesUntried: 0 });
    expect(hasMoreToFetch(rest)).toBe(false);
    await expectWholeOnce(b);
  });

  test('a body whose content does not match its hash is refused; the others are stored and the run fails saying so', async () => {
    const url = await newFolder();
    const a = new Device('devA', url);
    const b = new Device('devB', url);
    for (let i = 0; i < 3; i++) await a.save(`art-${i}`, `https://example.org/${i}`, `<p>Body ${i}</p>`);
    // A uploads, under the hash of the first body, other bytes (well encrypted: only the hash check sees it).
    const [badHash] = [...a.bodies.files.keys()];
    a.bodies.files.set(badHash as string, new TextEncoder().encode('<p>not the body its hash names</p>'));
    expectDone(await a.sync({ createIfEmpty: true }));
    expect((await listAll(a.target)).filter((path) => path.startsWith('blob/'))).toHaveLength(3);

    const result = await b.sync();
    expect(result).toMatchObject({ status: 'failed', reason: 'corrupt-file' });
    expect(b.store.book.lastSuccessAt).toBeNull();
    expect(b.bodies.files.has(badHash as string)).toBe(false);
    expect(b.bodies.files.size).toBe(2);
    await expectWholeOnce(b);
    // Still refused at the next run, never stored.
    expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'corrupt-file' });
    expect(b.bodies.files.has(badHash as string)).toBe(false);
  });

  test('bodies not in the folder yet stay pending without a follow-up run soon', async () => {
    const { b, url } = await uploaded(3);
    const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
    const blobs = (await listAll(target)).filter((path) => path.startsWith('blob/'));
    const [gone] = blobs;
    const kept = await target.get(gone as string);
    await target.remove(gone as string);
    const first = await b.sync();
    expectDone(first);
    expect(first).toMatchObject({ bodiesFetched: 2, bodiesPending: 1, bodiesUntried: 0 });
    // Some came: another run soon may find the last one.
    expect(hasMoreToFetch(first)).toBe(true);
    const again = await b.sync();
    expectDone(again);
    expect(again).toMatchObject({ bodiesFetched: 0, bodiesPending: 1, bodiesUntried: 0 });
    // Nothing came: the periodic alarm tries again, not a run every half minute.
    expect(hasMoreToFetch(again)).toBe(false);
    await target.put(gone as string, kept as Uint8Array<ArrayBuffer>);
    expect(await b.sync()).toMatchObject({ status: 'done', bodiesFetched: 1, bodiesPending: 0 });
  });
});

/**
 * A clock for the engine that moves only when told: `afterBodyBatch` advances it by `step` ms
 * per batch (as if each batch took that long) and counts the batches.
 */
function batchClock(step: number) {
  const clock = { at: Date.now(), batches: 0 };
  return {
    clock,
    now: () => clock.at,
    afterBodyBatch: async () => {
      clock.batches++;
      clock.at += step;
    },
  };
}

describe('the body loop past its bound (background runs)', () => {
  test('goes on while batches land, calling back once per batch, until every body is in', async () => {
    const { b } = await uploaded(160);
    const { clock, ...options } = batchClock(40_000);
    const start = clock.at;
    // Past the bound after the first batch; the cap is far.
    const result = await b.sync({ ...options, bodiesUntil: start + 1, bodiesGoOnUntil: start + 3_600_000 });
    expectDone(result);
    expect(result).toMatchObject({ bodiesFetched: 160, bodiesPending: 0, bodiesUntried: 0 });
    expect(clock.batches).toBe(4);
    expect(b.bodies.writes.map((batch) => batch.length)).toEqual([50, 50, 50, 10]);
    await expectWholeOnce(b);
  });

  test('starts no batch at or after the cap; the rest is left untried for a run soon', async () => {
    const { b } = await uploaded(160);
    const { clock, ...options } = batchClock(40_000);
    const start = clock.at;
    // Batches start at 0, 40 and 80 s; at 120 s the cap has come.
    const result = await b.sync({ ...options, bodiesUntil: start + 1, bodiesGoOnUntil: start + 120_000 });
    expectDone(result);
    expect(result).toMatchObject({ bodiesFetched: 150, bodiesPending: 10, bodiesUntried: 10 });
    expect(clock.batches).toBe(3);
    expect(hasMoreToFetch(result)).toBe(true);
    await expectWholeOnce(b);
  });

  test('stops past its bound at the first batch that lands nothing', async () => {
    const { b, url } = await uploaded(160);
    // The second batch's downloads all find nothing (as if not uploaded yet).
    b.target = blobGets(url, (n) => (n > 50 && n <= 100 ? new Response(null, { status: 404 }) : undefined));
    const { clock, ...options } = batchClock(40_000);
    const start = clock.at;
    const result = await b.sync({ ...options, bodiesUntil: start + 1, bodiesGoOnUntil: start + 3_600_000 });
    expectDone(result);
    expect(result).toMatchObject({ bodiesFetched: 50, bodiesPending: 110, bodiesUntried: 60 });
    expect(clock.batches).toBe(2);
    // Within its bound the loop goes on past an empty batch (the next may land): all the rest come.
    const rest = await b.sync({ ...batchClock(0) });
    expect(rest).toMatchObject({ status: 'done', bodiesFetched: 110, bodiesPending: 0 });
    await expectWholeOnce(b);
  });

  test('a run stopped past its bound stores whole batches only, records no success, and the next run resumes', async () => {
    const { b, url } = await uploaded(160);
    // The server goes away in the third batch, which only the go-on time started.
    b.target = blobGets(url, goneFrom(121));
    const successBefore = b.store.book.lastSuccessAt;
    const { clock, ...options } = batchClock(40_000);
    const start = clock.at;
    const stopped = await b.sync({ ...options, bodiesUntil: start + 1, bodiesGoOnUntil: start + 3_600_000 });
    expect(stopped).toMatchObject({ status: 'failed', reason: 'remote' });
    expect(b.store.book.lastSuccessAt).toBe(successBefore);
    expect(b.bodies.files.size).toBe(100);
    await expectWholeOnce(b);

    b.target = new WebDavTarget({ url, user: USER, password: PASSWORD });
    const resumed = await b.sync({ ...batchClock(0) });
    expect(resumed).toMatchObject({ status: 'done', bodiesFetched: 60, bodiesPending: 0 });
    expect(b.bodies.files.size).toBe(160);
    await expectWholeOnce(b);
  });

  test('without a go-on time, a batch that lands does not carry the run past its bound', async () => {
    const { b } = await uploaded(160);
    const { clock, ...options } = batchClock(40_000);
    const result = await b.sync({ ...options, bodiesUntil: clock.at + 1 });
    expectDone(result);
    expect(result).toMatchObject({ bodiesFetched: 50, bodiesUntried: 110 });
    expect(clock.batches).toBe(1);
  });
});

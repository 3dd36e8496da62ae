// @vitest-environment node
// Stored pictures through the engine and an in-process WebDAV server: sent once (shared ones
// too), fetched after the bodies, resumed after a run stopped half-way with nothing stored twice
// or half, and a damaged, swapped or oversized file refused without failing the run.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  bodyHash,
  MAX_PICTURE_FILE,
  pictureLinks,
  RemoteError,
  type RemoteTarget,
  type SyncOptions,
} from '@/utils/sync';
import { makeFolder, type Running, startWebDavServer } from '../../support/dav-servers';
import { Device, expectDone } from './harness';
import { listAll } from './support';

let server: Running;
beforeAll(async () => {
  server = await startWebDavServer();
});
afterAll(() => server.stop());

async function folder(name: string): Promise<string> {
  const url = `${server.url}${name}-${crypto.randomUUID().slice(0, 8)}/`;
  await makeFolder(url);
  return url;
}

/** A target that counts picture uploads and downloads, and can fail the nth picture request. */
function watched(target: RemoteTarget, failAt: { put?: number; get?: number } = {}) {
  const seen = { puts: 0, gets: 0, stored: [] as string[] };
  const wrapped: RemoteTarget = {
    list: (f) => target.list(f),
    remove: (p) => target.remove(p),
    async get(path, options) {
      if (path.startsWith('img/') && ++seen.gets === failAt.get)
        throw new RemoteError('network', 'worker stopped');
      return target.get(path, options);
    },
    async put(path, bytes, options) {
      if (path.startsWith('img/') && ++seen.puts === failAt.put)
        throw new RemoteError('network', 'worker stopped');
      const written = await target.put(path, bytes, options);
      if (path.startsWith('img/')) seen.stored.push(path);
      return written;
    },
  };
  return { wrapped, seen };
}

const run = (device: Device, options: Partial<SyncOptions> = {}) => device.sync(options);

describe('stored pictures over sync', () => {
  test.each([
    ['an encrypted folder', true],
    ['a folder without encryption', false],
  ])('in %s: each picture goes up once, shared ones too, and arrives checked', async (_, encrypted) => {
    const url = await folder('pics');
    const a = new Device('devA', url, encrypted ? undefined : null);
    const b = new Device('devB', url, encrypted ? undefined : null);
    await a.savePictured('art1', 'https://news.example/one', {
      'https://cdn.example/1.png': 'picture one',
      'https://cdn.example/2.png': 'picture two',
    });
    await a.savePictured('art2', 'https://news.example/two', {
      'https://cdn.example/1-copy.png': 'picture one',
    });
    const { wrapped, seen } = watched(a.target);
    const sent = await run(a, { target: wrapped, createIfEmpty: true });
    expectDone(sent);
    expect(sent.picturesSent).toBe(2);
    expect(seen.stored).toHaveLength(2);
    const files = await listAll(a.target, 'img');
    expect(files).toHaveLength(2);
    // Names say nothing: no hash, URL or picture name in a path.
    for (const hash of a.pictures.files.keys()) expect(files.join(' ')).not.toContain(hash.slice(0, 12));
    expect(files.join(' ')).not.toMatch(/cdn|png|picture/);

    const received = await run(b);
    expectDone(received);
    expect(received).toMatchObject({ picturesFetched: 2, picturesPending: 0, picturesRefused: 0 });
    expect([...b.pictures.files.keys()].sort()).toEqual([...a.pictures.files.keys()].sort());
    for (const [hash, picture] of b.pictures.files) {
      expect(await bodyHash(picture.bytes)).toBe(hash);
      expect(picture.type).toBe('image/png');
    }
    expect(pictureLinks(b.store.library().articles.get('art2')?.fields.images)).toEqual(
      pictureLinks(a.store.library().articles.get('art2')?.fields.images),
    );

    // A later article using a picture already in the folder sends no picture again.
    await a.savePictured('art3', 'https://news.example/three', {
      'https://cdn.example/2.png': 'picture two',
    });
    const again = await run(a, { target: wrapped });
    expectDone(again);
    expect(again.picturesSent).toBe(0);
    expect(seen.stored).toHaveLength(2);
    const later = await run(b);
    expectDone(later);
    expect(later.picturesFetched).toBe(0);
    expect([...b.pictures.writes.values()]).toEqual([1, 1]);
  });

  test('pictures come after the bodies: none is fetched while bodies are still to try', async () => {
    const url = await folder('order');
    const a = new Device('devA', url);
    const b = new Device('devB', url);
    for (const n of [1, 2, 3])
      await a.savePictured(`art${n}`, `https://news.example/${n}`, {
        [`https://cdn.example/${n}.png`]: `pic ${n}`,
      });
    expectDone(await run(a, { createIfEmpty: true }));
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const result = await run(b, { bodiesPerRun: 1 });
      expectDone(result);
      runs.push([result.bodiesFetched, result.picturesFetched]);
    }
    expect(runs).toEqual([
      [1, 0],
      [1, 0],
      [1, 3],
    ]);
    expect(b.pictures.files.size).toBe(3);
  });

  test('an upload stopped half-way resumes: every picture in the folder once, the pack after them', async () => {
    const url = await folder('resume-up');
    const a = new Device('devA', url);
    await a.savePictured('art1', 'https://news.example/one', {
      'https://cdn.example/1.png': 'first',
      'https://cdn.example/2.png': 'second',
      'https://cdn.example/3.png': 'third',
      'https://cdn.example/4.png': 'fourth',
      'https://cdn.example/5.png': 'fifth',
    });
    const { wrapped, seen } = watched(a.target, { put: 3 });
    const stopped = await run(a, { target: wrapped, createIfEmpty: true });
    expect(stopped.status).toBe('failed');
    // The pack naming them is not there: nothing references a missing picture.
    expect(await listAll(a.target, 'log')).toEqual([]);
    const sentBefore = seen.stored.length;
    expect(sentBefore).toBeLessThan(5);
    const resumed = await run(a, { target: wrapped });
    expectDone(resumed);
    expect(resumed.picturesSent).toBe(5 - sentBefore);
    expect(new Set(seen.stored).size).toBe(5);
    expect(seen.stored).toHaveLength(5);

    const b = new Device('devB', url);
    expectDone(await run(b));
    expect(b.pictures.files.size).toBe(5);
  });

  test('a download stopped half-way resumes: nothing stored twice, nothing stored half', async () => {
    const url = await folder('resume-down');
    const a = new Device('devA', url);
    const pictures = Object.fromEntries(
      [1, 2, 3, 4, 5, 6].map((n) => [`https://cdn.example/${n}.png`, `p${n}`]),
    );
    await a.savePictured('art1', 'https://news.example/one', pictures);
    expectDone(await run(a, { createIfEmpty: true }));

    const b = new Device('devB', url);
    const { wrapped } = watched(b.target, { get: 3 });
    const stopped = await run(b, { target: wrapped });
    expect(stopped.status).toBe('failed');
    // The library arrived before the pictures; what was stored is whole and checked.
    expect(b.store.library().articles.has('art1')).toBe(true);
    expect(b.pictures.files.size).toBeLessThan(6);
    for (const [hash, picture] of b.pictures.files) expect(await bodyHash(picture.bytes)).toBe(hash);

    const resumed = await run(b, { target: wrapped });
    expectDone(resumed);
    expect(resumed.picturesPending).toBe(0);
    expect(b.pictures.files.size).toBe(6);
    expect([...b.pictures.writes.values()].every((count) => count === 1)).toBe(true);
  });

  test('a truncated, swapped or oversized picture file is refused, never stored; the run finishes', async () => {
    const url = await folder('damaged');
    const a = new Device('devA', url);
    await a.savePictured('art1', 'https://news.example/one', {
      'https://cdn.example/1.png': 'the first picture',
    });
    await a.savePictured('art2', 'https://news.example/two', {
      'https://cdn.example/2.png': 'the second picture',
    });
    expectDone(await run(a, { createIfEmpty: true }));
    const [first, second] = await listAll(a.target, 'img');
    const original = (await a.target.get(first!))!;
    const b = new Device('devB', url);

    const damaged: [string, Uint8Array<ArrayBuffer>][] = [
      ['truncated', original.slice(0, original.length - 7)],
      ['swapped', (await a.target.get(second!))!],
      ['oversized', new Uint8Array(MAX_PICTURE_FILE + 1)],
    ];
    for (const [, bytes] of damaged) {
      await a.target.put(first!, bytes);
      const result = await run(b);
      expectDone(result);
      expect(result.picturesRefused).toBe(1);
      expect(result.picturesPending).toBe(1);
      expect(b.pictures.files.size).toBe(1); // only the undamaged one
      // The article and its body are there all the same (the reader shows the original URL).
      expect(b.store.library().articles.size).toBe(2);
      expect(b.bodies.files.size).toBe(2);
    }
    // Once the file is whole again, the next run stores it.
    await a.target.put(first!, original);
    const repaired = await run(b);
    expectDone(repaired);
    expect(repaired).toMatchObject({ picturesFetched: 1, picturesPending: 0 });
    expect(b.pictures.files.size).toBe(2);
  });

  test('a picture too slow for one request is left for a later run; the library still syncs', async () => {
    const url = await folder('slow');
    const a = new Device('devA', url);
    await a.savePictured('art1', 'https://news.example/one', {
      'https://cdn.example/big.png': 'a large picture',
    });
    const slow: RemoteTarget = {
      list: (f) => a.target.list(f),
      get: (p, o) => a.target.get(p, o),
      remove: (p) => a.target.remove(p),
      put: async (path, bytes, options) => {
        if (path.startsWith('img/')) throw new RemoteError('timeout', 'PUT took longer than 25000 ms');
        return a.target.put(path, bytes, options);
      },
    };
    const sent = await run(a, { target: slow, createIfEmpty: true });
    expectDone(sent);
    expect(sent.picturesSent).toBe(0);
    const b = new Device('devB', url);
    const received = await run(b);
    expectDone(received);
    expect(b.store.library().articles.has('art1')).toBe(true);
    expect(received).toMatchObject({ picturesFetched: 0, picturesPending: 1 });
    // A download too slow for one request leaves it pending; the run still succeeds.
    const slowDown: RemoteTarget = {
      put: (p, bytes, o) => b.target.put(p, bytes, o),
      list: (f) => b.target.list(f),
      remove: (p) => b.target.remove(p),
      get: async (path, options) => {
        if (path.startsWith('img/')) throw new RemoteError('timeout', 'GET took longer than 25000 ms');
        return b.target.get(path, options);
      },
    };
    const waited = await run(b, { target: slowDown });
    expectDone(waited);
    expect(waited).toMatchObject({ picturesFetched: 0, picturesPending: 1, picturesRefused: 0 });
    // A's next run, at normal speed, sends the picture it left; B then stores it.
    const retried = await run(a);
    expectDone(retried);
    expect(retried.picturesSent).toBe(1);
    expect(a.pictures.left.size).toBe(0);
    const stored = await run(b);
    expectDone(stored);
    expect(stored).toMatchObject({ picturesFetched: 1, picturesPending: 0 });
    // A server error is not a slow uplink: it fails the run as any other.
    await a.savePictured('art2', 'https://news.example/two', { 'https://cdn.example/2.png': 'another' });
    const failing: RemoteTarget = {
      ...slow,
      put: async (path, bytes, options) => {
        if (path.startsWith('img/')) throw new RemoteError('server', 'PUT answered 500', { status: 500 });
        return a.target.put(path, bytes, options);
      },
    };
    expect((await run(a, { target: failing })).status).toBe('failed');
  });

  test('an images field that is not one Readmark writes names no picture', () => {
    const hash = 'a'.repeat(64);
    expect(pictureLinks([['https://cdn.example/1.png', hash]])).toEqual([
      ['https://cdn.example/1.png', hash],
    ]);
    expect(pictureLinks([['https://cdn.example/1.png', '../../readmark.json']])).toBeNull();
    expect(pictureLinks([['u', hash, 'extra']])).toBeNull();
    expect(pictureLinks('not a list')).toBeNull();
    expect(pictureLinks(Array.from({ length: 101 }, (_, i) => [`u${i}`, hash]))).toBeNull();
  });
});

/**
 * Issue 17's "What must hold", scenario by scenario (docs/sync.md section C, engine level: two
 * engines, two in-memory stores), against one WebDAV server behind our fault proxy. Each server's
 * test file calls `syncScenarios` (engine.test.ts: npm webdav-server in process; rclone.test.ts:
 * `rclone serve webdav`; apache.test.ts: Apache mod_dav), so every scenario runs on a server that
 * ignores conditional requests and on one that honours them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { changePassphrase, type SyncResult, WebDavTarget } from '@/utils/sync';
import { type FaultProxy, startFaultProxy } from '../../support/dav-fault-proxy';
import { makeFolder, PASSWORD, type Running, USER } from '../../support/dav-servers';
import { Device, expectDone, PASSPHRASE } from './harness';
import { killTrials } from './kill-trials';
import { libraryView, listAll } from './support';

export interface ServerUnderTest {
  name: string;
  start(): Promise<Running>;
  /** Whether the server itself answers 412 to If-None-Match: * on an existing file. */
  honoursConditional: boolean;
  /** Run the kill trials (kill-trials.ts: a 100-article sync each, 1,000 with SYNC_KILL_ARTICLES). */
  killTrials: boolean;
}

const writes = (log: string[]) => log.filter((line) => /^(PUT|DELETE|MKCOL|MOVE|COPY|PROPPATCH) /.test(line));

export function syncScenarios(server: ServerUnderTest): void {
  let backend: Running;
  let proxy: FaultProxy;
  let folderCount = 0;

  beforeAll(async () => {
    backend = await server.start();
    proxy = await startFaultProxy(backend.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await backend?.stop();
  }, 30_000);
  afterEach(() => proxy.reset());

  /** A fresh, empty sync folder on the server, reached through the proxy. */
  async function newFolder(): Promise<string> {
    const url = `${proxy.url}folder${++folderCount}/`;
    await makeFolder(url);
    return url;
  }

  /** A and B sharing a new encrypted folder, A having created it. */
  async function pair(passphrase: string | null = PASSPHRASE) {
    const url = await newFolder();
    const a = new Device('devA', url, passphrase);
    const b = new Device('devB', url, passphrase);
    expectDone(await a.sync({ createIfEmpty: true }));
    expectDone(await b.sync());
    return { url, a, b };
  }

  test(`${server.name} ${server.honoursConditional ? 'honours' : 'ignores'} If-None-Match and If-Match on PUT`, async () => {
    const url = await newFolder();
    const auth = { Authorization: `Basic ${btoa(`${USER}:${PASSWORD}`)}` };
    const put = (headers: Record<string, string>, body: string) =>
      fetch(`${backend.url}folder${folderCount}/probe.txt`, {
        method: 'PUT',
        headers: { ...auth, ...headers },
        body,
      });
    expect([200, 201, 204]).toContain((await put({}, 'first')).status);
    const ifNoneMatch = (await put({ 'If-None-Match': '*' }, 'second')).status;
    const ifMatch = (await put({ 'If-Match': '"bogus"' }, 'third')).status;
    const kept = await (await fetch(`${url}probe.txt`, { headers: auth })).text();
    if (server.honoursConditional) expect([ifNoneMatch, ifMatch, kept]).toEqual([412, 412, 'first']);
    else {
      expect([ifNoneMatch, ifMatch].every((status) => status >= 200 && status < 300)).toBe(true);
      expect(kept).toBe('third');
    }
  });

  if (server.killTrials) killTrials(pair);

  describe(`the engine through ${server.name}`, () => {
    test('save on A appears on B, body included; a second sync with nothing to do sends nothing', async () => {
      const { a, b } = await pair();
      await a.save('art1', 'https://example.org/one');
      const sent = await a.sync();
      expectDone(sent);
      expect(sent.sent).toBe(1);
      const got = await b.sync();
      expectDone(got);
      expect(got).toMatchObject({ received: 1, bodiesFetched: 1, bodiesPending: 0 });
      expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
      expect([...b.bodies.files.values()].map((x) => new TextDecoder().decode(x))).toEqual([
        '<p>Body of https://example.org/one</p>',
      ]);
      // Nothing to do: readmark.json and the devices/ listing, nothing written (issue: ≤ 2 requests).
      proxy.log.length = 0;
      expectDone(await b.sync());
      expect(writes(proxy.log)).toEqual([]);
      // Apache tags a file weakly for a second after it is written (weak tags are not relied on):
      // past that second, one run reads B's device file once more and keeps its strong tag.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expectDone(await a.sync());
      proxy.log.length = 0;
      expectDone(await a.sync());
      expect(proxy.log.map((l) => l.replace(/ \/folder\d+\//, ' '))).toEqual([
        'GET readmark.json',
        'PROPFIND devices/',
      ]);
    });

    test('two devices creating the same empty folder at once end in one library', async () => {
      const url = await newFolder();
      const a = new Device('devA', url);
      const b = new Device('devB', url);
      await a.save('art1', 'https://example.org/a');
      await b.save('art2', 'https://example.org/b');
      // Each re-reads readmark.json after a pause (production's is 2 s), in which the other's write lands.
      const racing = { createIfEmpty: true, settleMs: 300 };
      const results = await Promise.all([a.sync(racing), b.sync(racing)]);
      // One of them may have lost the race after reading the winner's file: it then joined it.
      for (const r of results) expect(r.status, JSON.stringify(r)).toMatch(/done|failed/);
      for (let round = 0; round < 2; round++) {
        expectDone(await a.sync({ createIfEmpty: true }));
        expectDone(await b.sync({ createIfEmpty: true }));
      }
      expect(a.store.book.targetId).toBe(b.store.book.targetId);
      expect([...a.store.library().articles.keys()].sort()).toEqual(['art1', 'art2']);
      expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
    });
  });

  describe('merge through the server', () => {
    test('offline highlights on both and the same note edited on both: 5 highlights, one note, one conflict copy', async () => {
      const { a, b } = await pair();
      await a.save('art1', 'https://example.org/story');
      a.store.addHighlight('h0', 'art1', 'shared', 'first note');
      expectDone(await a.sync());
      expectDone(await b.sync());
      proxy.faults.down = true; // both offline
      for (const q of ['a1', 'a2', 'a3']) a.store.addHighlight(q, 'art1', q);
      for (const q of ['b1', 'b2']) b.store.addHighlight(q, 'art1', q);
      a.store.edit('highlight', 'h0', { note: 'note from A' });
      b.store.edit('highlight', 'h0', { note: 'note from B' });
      expect((await a.sync()).status).toBe('failed');
      proxy.faults.down = false;
      for (let round = 0; round < 2; round++) {
        expectDone(await a.sync());
        expectDone(await b.sync());
      }
      const h0 = a.store.library().highlights.get('h0');
      expect(a.store.library().highlights.size).toBe(6);
      // The later stamp is the note (which one depends on the two test clocks), the other its copy.
      expect(h0?.noteConflicts).toHaveLength(1);
      expect([h0?.note, ...(h0?.noteConflicts ?? []).map((c) => c.text)].sort()).toEqual([
        'note from A',
        'note from B',
      ]);
      expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
    });

    for (const first of ['deleter', 'editor'] as const) {
      test(`delete vs edit, the ${first} syncing first: the edit is kept and flagged; an untouched article is deleted`, async () => {
        const { a, b } = await pair();
        await a.save('art1', 'https://example.org/1');
        await a.save('art2', 'https://example.org/2');
        await a.save('art3', 'https://example.org/3');
        // Enough others that deleting two stays under the fail-safe's 20 %.
        for (let i = 4; i < 12; i++) await a.save(`art${i}`, `https://example.org/${i}`);
        a.store.addHighlight('h1', 'art1', 'quote', 'note');
        expectDone(await a.sync());
        expectDone(await b.sync());
        a.store.edit('highlight', 'h1', { del: true });
        b.store.edit('highlight', 'h1', { note: 'edited on B' });
        a.store.edit('article', 'art2', { del: true });
        b.store.addHighlight('hB', 'art2', 'new on B');
        a.store.edit('article', 'art3', { del: true });
        const order = first === 'deleter' ? [a, b, a] : [b, a, b];
        for (const device of order) expectDone(await device.sync());
        for (const device of [a, b]) {
          const library = device.store.library();
          expect(library.highlights.get('h1')).toMatchObject({
            note: 'edited on B',
            restored: { deletedBy: 'devA' },
          });
          expect(library.articles.get('art2')?.restored).toMatchObject({
            deletedBy: 'devA',
            editedBy: ['devB'],
          });
          expect(library.articles.has('art3')).toBe(false);
        }
        expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
      });
    }

    test.each([
      ['fast', 3_600_000],
      ['slow', -3_600_000],
    ])('one clock an hour %s: same result on both', async (_, offset) => {
      const { a, b } = await pair();
      b.store.clockOffset = offset;
      await a.save('art1', 'https://example.org/story');
      a.store.addHighlight('h0', 'art1', 'shared', 'first');
      expectDone(await a.sync());
      expectDone(await b.sync());
      a.store.edit('highlight', 'h0', { note: 'A' });
      b.store.edit('highlight', 'h0', { note: 'B' });
      a.store.addHighlight('hA', 'art1', 'x');
      b.store.addHighlight('hB', 'art1', 'y');
      for (let round = 0; round < 2; round++) for (const d of [a, b]) expectDone(await d.sync());
      expect(a.store.library().highlights.size).toBe(3);
      expect(a.store.library().highlights.get('h0')?.noteConflicts).toHaveLength(1);
      expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
    });
  });

  describe('encryption on the server', () => {
    test('file names reveal no title or URL, and no file holds them in the clear', async () => {
      const { a, url } = await pair();
      await a.save('art1', 'https://secret-host.example/private-story', '<p>private words</p>');
      expectDone(await a.sync());
      const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
      const paths = await listAll(target);
      expect(paths.some((p) => p.startsWith('blob/'))).toBe(true);
      for (const path of paths) {
        expect(path).not.toMatch(/secret|private|story|example|Title/i);
        const text = new TextDecoder().decode((await target.get(path)) ?? new Uint8Array());
        expect(text).not.toMatch(/secret-host|private|Title art1/);
      }
    });

    test('a wrong passphrase writes nothing, locally or remotely; the right one then works', async () => {
      const { a, url } = await pair();
      await a.save('art1', 'https://example.org/one');
      expectDone(await a.sync());
      const c = new Device('devC', url, 'not the passphrase');
      await c.save('own', 'https://example.org/own'); // an outbox that must not leave
      proxy.log.length = 0;
      const result = await c.sync();
      expect(result).toMatchObject({ status: 'failed', reason: 'wrong-passphrase' });
      expect(writes(proxy.log)).toEqual([]);
      expect(c.store.commits).toBe(0);
      expect(c.store.book.targetId).toBeNull();
      c.passphrase = PASSPHRASE;
      expectDone(await c.sync());
      expect([...c.store.library().articles.keys()].sort()).toEqual(['art1', 'own']);
    });

    test('changing the passphrase rewrites readmark.json only; the other device asks for the new one', async () => {
      const { a, b, url } = await pair();
      await a.save('art1', 'https://example.org/one');
      expectDone(await a.sync());
      // As the extension: after joining, a device keeps the folder's keys, not the passphrase.
      a.passphrase = null;
      b.passphrase = null;
      const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
      const before = new Map<string, string>();
      for (const path of await listAll(target)) before.set(path, String(await target.get(path)));
      proxy.log.length = 0;
      const change = { target: a.target, store: a.store, oldPassphrase: PASSPHRASE };
      expect(await changePassphrase({ ...change, oldPassphrase: 'wrong', newPassphrase: 'x' })).toMatchObject(
        {
          status: 'failed',
          reason: 'wrong-passphrase',
        },
      );
      expect(writes(proxy.log)).toEqual([]);
      expect(await changePassphrase({ ...change, newPassphrase: 'the new passphrase' })).toEqual({
        status: 'done',
      });
      expect(writes(proxy.log).map((l) => l.replace(/ \/folder\d+\//, ' '))).toEqual([
        'PUT readmark.next.json',
        'PUT readmark.json',
        'DELETE readmark.next.json',
      ]);
      expect(await listAll(target)).toEqual([...before.keys()]);
      for (const [path, bytes] of before) {
        if (path !== 'readmark.json') expect(String(await target.get(path))).toBe(bytes);
      }
      // A goes on with its kept keys; B is told, and writes nothing until it has the new passphrase.
      await a.save('art2', 'https://example.org/two');
      expectDone(await a.sync());
      proxy.log.length = 0;
      const commits = b.store.commits;
      expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'passphrase-changed' });
      expect(writes(proxy.log)).toEqual([]);
      expect(b.store.commits).toBe(commits);
      b.passphrase = PASSPHRASE;
      expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'wrong-passphrase' });
      expect(writes(proxy.log)).toEqual([]);
      b.passphrase = 'the new passphrase';
      expectDone(await b.sync());
      expect([...b.store.library().articles.keys()].sort()).toEqual(['art1', 'art2']);
      b.passphrase = null;
      expectDone(await b.sync());
    });

    test('a corrupted or truncated pack is detected and not applied; the cursor stays', async () => {
      const { a, b, url } = await pair();
      await a.save('art1', 'https://example.org/one');
      expectDone(await a.sync());
      const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
      const path = 'log/devA/00000001.pack';
      const good = (await target.get(path)) as Uint8Array<ArrayBuffer>;
      await target.put(path, good.slice(0, good.length - 10));
      expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'corrupt-file' });
      const flipped = good.slice();
      flipped[40] = (flipped[40] as number) ^ 0xff;
      await target.put(path, flipped);
      expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'corrupt-file' });
      expect(b.store.library().articles.size).toBe(0);
      expect(b.store.book.cursors.devA ?? 0).toBe(0);
      await target.put(path, good);
      expectDone(await b.sync());
      expect(b.store.library().articles.size).toBe(1);
    });
  });

  describe('an unreliable server', () => {
    async function withArticles(n: number) {
      const { a, b, url } = await pair();
      for (let i = 0; i < n; i++) await a.save(`art${i}`, `https://example.org/${i}`);
      expectDone(await a.sync());
      expectDone(await b.sync());
      return { a, b, url };
    }

    const unchanged = (device: Device, run: () => Promise<SyncResult>) => async () => {
      const before = JSON.stringify(device.store.state);
      const success = device.store.book.lastSuccessAt;
      const result = await run();
      expect(result.status).not.toBe('done');
      expect(JSON.stringify(device.store.state)).toBe(before);
      expect(device.store.book.lastSuccessAt).toBe(success);
      return result;
    };

    test('server down: an error, no change, no success; later it resumes', async () => {
      const { a, b } = await withArticles(2);
      await a.save('new', 'https://example.org/new');
      expectDone(await a.sync());
      proxy.faults.down = true;
      const result = await unchanged(b, () => b.sync())();
      expect(result).toMatchObject({ status: 'failed', reason: 'remote', remoteKind: 'network' });
      proxy.faults.down = false;
      expectDone(await b.sync());
      expect(b.store.library().articles.has('new')).toBe(true);
    });

    test.each([500, 503, 507])(
      'PUT answered %i: no success, the outbox is kept, the next run sends it',
      async (status) => {
        const { a, b } = await withArticles(1);
        await a.save('new', 'https://example.org/new');
        proxy.faults.status = (method) => (method === 'PUT' ? status : undefined);
        const result = await a.sync();
        expect(result).toMatchObject({ status: 'failed', remoteKind: status === 507 ? 'full' : 'server' });
        expect(a.store.outbox).toHaveLength(1);
        delete proxy.faults.status;
        expectDone(await a.sync());
        expect(a.store.outbox).toHaveLength(0);
        expectDone(await b.sync());
        expect(b.store.library().articles.has('new')).toBe(true);
      },
    );

    test('a connection dropped in the middle of a pack: nothing applied, the next run completes', async () => {
      const { a, b } = await withArticles(1);
      await a.save('new', 'https://example.org/new');
      expectDone(await a.sync());
      proxy.faults.dropMidBody = (method, path) => method === 'GET' && path.endsWith('.pack');
      await unchanged(b, () => b.sync())();
      delete proxy.faults.dropMidBody;
      expectDone(await b.sync());
      expect(b.store.library().articles.size).toBe(2);
    });

    test('a request stalled past 30 s fails the run at the engine’s timeout (injected: 300 ms), changing nothing', async () => {
      const { a, b, url } = await withArticles(1);
      await a.save('new', 'https://example.org/new');
      expectDone(await a.sync());
      // Only the pack stalls: the run gets as far as receiving, then its timeout must fire.
      proxy.faults.stallMs = 31_000;
      proxy.faults.stallWhen = (method, path) => method === 'GET' && path.endsWith('.pack');
      b.target = new WebDavTarget({ url, user: USER, password: PASSWORD, timeoutMs: 300 });
      const started = Date.now();
      const result = await unchanged(b, () => b.sync())();
      expect(result).toMatchObject({ status: 'failed', remoteKind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(10_000);
      delete proxy.faults.stallMs;
      // The next run at the production timeout: at 300 ms a PUT on a loaded machine (the suite
      // runs the builds beside these tests) timed out too, and the run failed for that.
      b.target = new WebDavTarget({ url, user: USER, password: PASSWORD });
      expectDone(await b.sync());
      expect(b.store.library().articles.has('new')).toBe(true);
    });

    test('GET answered 500 or 503 while receiving: no success, nothing applied, the next run completes', async () => {
      const { a, b } = await withArticles(1);
      await a.save('new', 'https://example.org/new');
      expectDone(await a.sync());
      for (const status of [500, 503]) {
        proxy.faults.status = (method, path) =>
          method === 'GET' && path.includes('/log/') ? status : undefined;
        expect(await unchanged(b, () => b.sync())()).toMatchObject({
          status: 'failed',
          remoteKind: 'server',
        });
      }
      delete proxy.faults.status;
      expectDone(await b.sync());
      expect(b.store.library().articles.size).toBe(2);
    });

    test('an upload cut in the middle: no success; what the server kept is never applied; the next run repairs it', async () => {
      const { a, b } = await withArticles(1);
      await a.save('new', 'https://example.org/new');
      a.store.addHighlight('hn', 'new', 'a quote', 'a note');
      proxy.faults.dropMidUpload = (method, path) => method === 'PUT' && path.endsWith('.pack');
      const cut = await a.sync();
      expect(cut).toMatchObject({ status: 'failed', reason: 'remote' });
      expect(a.store.outbox).toHaveLength(2);
      delete proxy.faults.dropMidUpload;
      // The half pack (if the server kept one) is beyond A's head: B does not even read it.
      expectDone(await b.sync());
      expect(b.store.library().articles.has('new')).toBe(false);
      expectDone(await a.sync());
      expectDone(await b.sync());
      expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
    });

    test('the server stopping in the middle of a run: no success, and the next run picks up', async () => {
      const { a, b } = await withArticles(1);
      for (let i = 0; i < 8; i++) await a.save(`more${i}`, `https://example.org/more/${i}`);
      let requests = 0;
      proxy.faults.status = () => {
        if (++requests === 6) proxy.faults.down = true; // from the 6th request on, nobody answers
        return undefined;
      };
      const successBefore = a.store.book.lastSuccessAt as number;
      const stopped = await a.sync({ packBytes: 600 });
      expect(stopped).toMatchObject({ status: 'failed', remoteKind: 'network' });
      expect(a.store.book.lastSuccessAt).toBe(successBefore);
      expect(a.store.outbox.length).toBeGreaterThan(0);
      proxy.reset();
      expectDone(await a.sync({ packBytes: 600 }));
      expect(a.store.book.lastSuccessAt).toBeGreaterThan(successBefore);
      expectDone(await b.sync());
      expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
    });

    test('a damaged body file is detected and never stored', async () => {
      const { a, b, url } = await withArticles(0);
      await a.save('art', 'https://example.org/body', '<p>the real body</p>');
      expectDone(await a.sync());
      const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
      const [blob] = (await listAll(target)).filter((p) => p.startsWith('blob/'));
      const good = (await target.get(blob as string)) as Uint8Array<ArrayBuffer>;
      await target.put(blob as string, good.slice(0, good.length - 5));
      expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'corrupt-file' });
      expect(b.bodies.files.size).toBe(0);
      await target.put(blob as string, good);
      expectDone(await b.sync());
      expect([...b.bodies.files.values()].map((x) => new TextDecoder().decode(x))).toEqual([
        '<p>the real body</p>',
      ]);
    });

    test('an empty listing is never read as deletions', async () => {
      const { b } = await withArticles(3);
      proxy.faults.emptyListing = true;
      const result = await unchanged(b, () => b.sync())();
      expect(result).toMatchObject({ status: 'paused', reason: 'listing-inconsistent' });
      expect(b.store.library().articles.size).toBe(3);
    });

    test('an empty or moved folder is never read as deletions', async () => {
      const { b } = await withArticles(3);
      b.target = new WebDavTarget({ url: await newFolder(), user: USER, password: PASSWORD });
      const result = await unchanged(b, () => b.sync({ createIfEmpty: true }))();
      expect(result).toMatchObject({ status: 'paused', reason: 'folder-missing' });
      b.target = new WebDavTarget({ url: `${proxy.url}no-such-folder/`, user: USER, password: PASSWORD });
      expect(await b.sync()).toMatchObject({ status: 'paused', reason: 'folder-missing' });
      expect(b.store.library().articles.size).toBe(3);
    });

    test("another library's folder is refused", async () => {
      const { b } = await withArticles(2);
      const other = await pair();
      b.target = other.a.target;
      const result = await unchanged(b, () => b.sync())();
      expect(result).toMatchObject({ status: 'paused', reason: 'foreign-folder' });
    });

    test('a folder with other files is not taken over; without the reader’s choice none is created', async () => {
      const url = await newFolder();
      const d = new Device('devD', url);
      expect(await d.sync()).toMatchObject({ status: 'paused', reason: 'no-folder' });
      await d.target.put('holiday.jpg', new Uint8Array([1, 2, 3]));
      expect(await d.sync({ createIfEmpty: true })).toMatchObject({
        status: 'paused',
        reason: 'folder-not-empty',
      });
    });

    test('deleting 30 % of the library pauses and asks; the approved change then applies', async () => {
      const { a, b } = await withArticles(20);
      for (const i of [0, 1, 2, 3, 4, 5]) a.store.edit('article', `art${i}`, { del: true });
      expectDone(await a.sync());
      const paused = await b.sync();
      expect(paused).toMatchObject({
        status: 'paused',
        reason: 'mass-change',
        change: { before: 20, deletions: 6, additions: 0 },
      });
      expect(b.store.library().articles.size).toBe(20);
      expect(await b.sync({ approve: 'devA:1-1' })).toMatchObject({ status: 'paused' }); // another change
      expectDone(await b.sync({ approve: (paused as { approval: string }).approval }));
      expect(b.store.library().articles.size).toBe(14);
    });

    test('a small library: deleting 1 of 4 goes through; deleting all of them asks', async () => {
      const { a, b } = await withArticles(4);
      a.store.edit('article', 'art0', { del: true });
      expectDone(await a.sync());
      expectDone(await b.sync());
      expect(b.store.library().articles.size).toBe(3);
      for (const i of [1, 2, 3]) a.store.edit('article', `art${i}`, { del: true });
      expectDone(await a.sync());
      expect(await b.sync()).toMatchObject({ status: 'paused', change: { before: 3, deletions: 3 } });
    });

    test('deleting 20 % exactly goes through', async () => {
      const { a, b } = await withArticles(10);
      for (const i of [0, 1]) a.store.edit('article', `art${i}`, { del: true });
      expectDone(await a.sync());
      expectDone(await b.sync());
      expect(b.store.library().articles.size).toBe(8);
    });

    test('adding more than 1,000 to a non-empty library pauses; to an empty one it does not', async () => {
      const { a, b, url } = await withArticles(1);
      for (let i = 0; i < 1001; i++) a.store.saveArticle(`bulk${i}`, `https://example.org/bulk/${i}`);
      expectDone(await a.sync());
      expect(await b.sync()).toMatchObject({ status: 'paused', change: { additions: 1001 } });
      const fresh = new Device('devF', url);
      expectDone(await fresh.sync());
      expect(fresh.store.library().articles.size).toBe(1002);
    });
  });

  describe('runs of one library', () => {
    test('two runs started at once (an alarm during "Sync now") send every change once', async () => {
      const { a, b, url } = await pair();
      for (let i = 0; i < 20; i++) a.store.saveArticle(`art${i}`, `https://example.org/${i}`);
      const results = await Promise.all([a.sync({ packBytes: 1_000 }), a.sync({ packBytes: 1_000 })]);
      for (const result of results) expectDone(result);
      expect(results.map((r) => (r as { sent: number }).sent).sort()).toEqual([0, 20]);
      const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
      const stamps: string[] = [];
      for (const path of await listAll(target, 'log/devA')) {
        const sealed = (await target.get(path)) as Uint8Array<ArrayBuffer>;
        expect(sealed.length).toBeGreaterThan(0);
        stamps.push(path);
      }
      expect(stamps).toHaveLength(a.store.book.head);
      expectDone(await b.sync());
      expect(b.store.library().articles.size).toBe(20);
    });
  });
}

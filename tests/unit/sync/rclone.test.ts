// @vitest-environment node
// The engine against a real WebDAV server: Debian's `rclone serve webdav` (no conditional PUT, no
// CORS: the weakest semantics of the servers measured in docs/sync.md §6), behind the fault proxy.
// .ci/run installs rclone; without it these tests are skipped with a notice.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebDavTarget } from '@/utils/sync';
import { Device, expectDone } from './harness';
import {
  type FaultProxy,
  hasRclone,
  makeFolder,
  PASSWORD,
  type Running,
  startFaultProxy,
  startRclone,
  USER,
} from './servers';
import { libraryView, listAll } from './support';

const available = hasRclone();
if (!available) console.warn('NOTICE: rclone is not installed: the rclone WebDAV sync tests are skipped');

describe.runIf(available)('sync through rclone serve webdav', () => {
  let server: Running;
  let proxy: FaultProxy;
  let folders = 0;
  beforeAll(async () => {
    server = await startRclone();
    proxy = await startFaultProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  async function pair() {
    const url = `${proxy.url}readmark${++folders}/`;
    await makeFolder(url);
    const a = new Device('devA', url);
    const b = new Device('devB', url);
    expectDone(await a.sync({ createIfEmpty: true }));
    expectDone(await b.sync());
    return { a, b, url };
  }

  test('save on A appears on B; offline edits on both merge the same way on both', async () => {
    const { a, b, url } = await pair();
    await a.save('art1', 'https://example.org/story');
    a.store.addHighlight('h0', 'art1', 'shared', 'first');
    expectDone(await a.sync());
    expectDone(await b.sync());
    expect(b.bodies.files.size).toBe(1);
    for (const q of ['a1', 'a2', 'a3']) a.store.addHighlight(q, 'art1', q);
    for (const q of ['b1', 'b2']) b.store.addHighlight(q, 'art1', q);
    a.store.edit('highlight', 'h0', { note: 'from A' });
    b.store.edit('highlight', 'h0', { note: 'from B' });
    for (let round = 0; round < 2; round++) for (const d of [a, b]) expectDone(await d.sync());
    expect(a.store.library().highlights.size).toBe(6);
    expect(a.store.library().highlights.get('h0')?.noteConflicts).toHaveLength(1);
    expect(libraryView(b.store.library())).toEqual(libraryView(a.store.library()));
    const paths = await listAll(new WebDavTarget({ url, user: USER, password: PASSWORD }));
    // A: the article, then its offline edits; B: its offline edits. Nothing more, nothing twice.
    expect(paths.filter((p) => p.startsWith('log/'))).toEqual([
      'log/devA/00000001.pack',
      'log/devA/00000002.pack',
      'log/devB/00000001.pack',
    ]);
  });

  test('a dropped connection and a truncated file are detected and never applied', async () => {
    const { a, b, url } = await pair();
    await a.save('art1', 'https://example.org/one');
    expectDone(await a.sync());
    proxy.faults.dropMidBody = (method, path) => method === 'GET' && path.endsWith('.pack');
    expect((await b.sync()).status).toBe('failed');
    delete proxy.faults.dropMidBody;
    const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
    const good = (await target.get('log/devA/00000001.pack')) as Uint8Array<ArrayBuffer>;
    await target.put('log/devA/00000001.pack', good.slice(0, 30));
    expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'corrupt-file' });
    expect(b.store.library().articles.size).toBe(0);
    await target.put('log/devA/00000001.pack', good);
    expectDone(await b.sync());
    expect(b.store.library().articles.size).toBe(1);
  });

  test('an empty listing and a moved folder are never read as deletions', async () => {
    const { a, b } = await pair();
    await a.save('art1', 'https://example.org/one');
    expectDone(await a.sync());
    expectDone(await b.sync());
    proxy.faults.emptyListing = true;
    expect(await b.sync()).toMatchObject({ status: 'paused', reason: 'listing-inconsistent' });
    delete proxy.faults.emptyListing;
    b.target = new WebDavTarget({ url: `${proxy.url}moved-away/`, user: USER, password: PASSWORD });
    expect(await b.sync()).toMatchObject({ status: 'paused', reason: 'folder-missing' });
    expect(b.store.library().articles.size).toBe(1);
  });
});

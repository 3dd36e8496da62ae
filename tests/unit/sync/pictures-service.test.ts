// @vitest-environment node
// Stored pictures through the sync service, as the extension wires it: libraries in
// fake-indexeddb (Node's Blob: IndexedDB stores clones), an in-process WebDAV server. A picture
// saved with an article on one machine shows in the other's reader from its own store; a deleted
// article's pictures go, a picture another article still shows stays; pictures added later
// ("Load images") travel too; the status counts pictures waiting to be recorded.
import { describe, expect, test } from 'vitest';
import type { CapturedImage } from '@/utils/model';
import {
  DexieSyncStore,
  libraryBodies,
  libraryPictures,
  loadSyncStatus,
  saveSyncConfig,
} from '@/utils/services';
import {
  addArticleImages,
  deleteArticle,
  getArticleImages,
  type ReadmarkDb,
  saveArticleWithImages,
} from '@/utils/storage';
import { syncOnce, WebDavTarget } from '@/utils/sync';
import { makeExtracted } from '../../support/articles';
import { PASSWORD, USER } from '../../support/dav-servers';
import {
  configFor,
  expectSynced,
  library,
  newFolder,
  PASSPHRASE,
  settle,
  setUp,
  useSyncServer,
} from './service-devices';

const server = useSyncServer();

async function picture(url: string, content: string): Promise<CapturedImage> {
  const data = new TextEncoder().encode(content);
  const digest = await crypto.subtle.digest('SHA-256', data);
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { url, hash, blob: new Blob([data], { type: 'image/webp' }) };
}

async function saveWith(db: ReadmarkDb, url: string, pictures: CapturedImage[]) {
  const saved = await saveArticleWithImages(db, makeExtracted({ url, canonicalUrl: url }), pictures);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value.meta.id;
}

/** An article's stored pictures as url → text, as the reader would read them. */
async function shown(db: ReadmarkDb, articleId: string): Promise<Record<string, string>> {
  const byUrl = await getArticleImages(db, articleId);
  const out: Record<string, string> = {};
  for (const [url, blob] of [...byUrl].sort(([x], [y]) => x.localeCompare(y)))
    out[url] = `${blob.type} ${await blob.text()}`;
  return out;
}

describe('stored pictures through the sync service', () => {
  test('saved with an article on A, shown from B’s own store; deletes keep what another article shows', async () => {
    const url = await newFolder(server.url, 'pictures');
    const a = library();
    await settle(a);
    await setUp(a, url, 'Laptop');
    await settle(a);

    const shared = await picture('https://cdn.example/shared.webp', 'shared picture');
    const own = await picture('https://cdn.example/own.webp', 'picture of the first article');
    const first = await saveWith(a, 'https://news.example/first', [own, shared]);
    const second = await saveWith(a, 'https://news.example/second', [shared]);
    // Two articles' pictures are waiting to be recorded: the status counts them with the rest.
    const waiting = await loadSyncStatus(a);
    expect(waiting.pending).toBe((await a.syncOutbox.count()) + 2 + 2);
    expect((await expectSynced(a)).pending).toBe(0);

    const b = library();
    await settle(b);
    await setUp(b, url, 'Desktop');
    expect(await shown(b, first)).toEqual({
      'https://cdn.example/own.webp': 'image/webp picture of the first article',
      'https://cdn.example/shared.webp': 'image/webp shared picture',
    });
    expect(await shown(b, second)).toEqual({
      'https://cdn.example/shared.webp': 'image/webp shared picture',
    });
    expect(await b.imageBlobs.count()).toBe(2);
    // Nothing was recorded back: received pictures do not echo into B's outbox.
    expect((await loadSyncStatus(b)).pending).toBe(0);

    // A deletes the first article: on B its own picture goes, the shared one stays for the second.
    await deleteArticle(a, first);
    await expectSynced(a);
    await expectSynced(b);
    expect(await b.articles.get(first)).toBeUndefined();
    expect(await shown(b, second)).toEqual({
      'https://cdn.example/shared.webp': 'image/webp shared picture',
    });
    expect(await b.imageBlobs.count()).toBe(1);

    // A picture B adds later ("Load images") travels back to A.
    const added = await picture('https://cdn.example/late.webp', 'loaded later');
    const result = await addArticleImages(b, second, [added]);
    expect(result.ok).toBe(true);
    expect((await loadSyncStatus(b)).pending).toBe(1);
    await expectSynced(b);
    await expectSynced(a);
    expect(await shown(a, second)).toEqual({
      'https://cdn.example/late.webp': 'image/webp loaded later',
      'https://cdn.example/shared.webp': 'image/webp shared picture',
    });
  });

  test('a device that synced before pictures did sends the pictures it stored, once updated', async () => {
    const url = await newFolder(server.url, 'upgrade');
    const a = library();
    await settle(a);
    await setUp(a, url, 'Laptop');
    await expectSynced(a); // the second seeding pass: seeding is over
    await settle(a);
    const old = await picture('https://cdn.example/old.webp', 'stored before the update');
    const id = await saveWith(a, 'https://news.example/old', [old]);
    // As the build before left it: no picture marked, its seeding long finished.
    await a.syncMeta.where('key').startsWithAnyOf(['pics:', 'pictured-marked']).delete();
    expect(await a.syncMeta.where('key').startsWith('pics:').count()).toBe(0);
    await expectSynced(a);

    const b = library();
    await settle(b);
    await setUp(b, url, 'Desktop');
    expect(await shown(b, id)).toEqual({
      'https://cdn.example/old.webp': 'image/webp stored before the update',
    });
  });

  test('a worker stopped after pictures arrived, before they were stored: the next run stores them whole', async () => {
    const url = await newFolder(server.url, 'stopped');
    const a = library();
    await settle(a);
    await setUp(a, url, 'Laptop');
    await settle(a);
    const id = await saveWith(a, 'https://news.example/stopped', [
      await picture('https://cdn.example/1.webp', 'first picture'),
      await picture('https://cdn.example/2.webp', 'second picture'),
    ]);
    await expectSynced(a);

    // B's engine run finishes (records merged, pictures fetched and staged); the worker stops
    // before anything is written to the library.
    const b = library();
    await settle(b);
    await saveSyncConfig(b, configFor(url, 'Desktop'));
    const engine = await syncOnce({
      target: new WebDavTarget({ url, user: USER, password: PASSWORD }),
      store: new DexieSyncStore(b, 'Desktop'),
      bodies: libraryBodies(b),
      pictures: libraryPictures(b),
      passphrase: PASSPHRASE,
    });
    expect(engine).toMatchObject({ status: 'done', picturesFetched: 2 });
    expect(await b.imageBlobs.count()).toBe(0);
    expect(await b.articleImages.count()).toBe(0);
    expect(await b.syncMeta.where('key').startsWith('pic:').count()).toBe(2);

    // The next run (a new worker): the staged pictures are stored with their links.
    await expectSynced(b);
    expect(await shown(b, id)).toEqual({
      'https://cdn.example/1.webp': 'image/webp first picture',
      'https://cdn.example/2.webp': 'image/webp second picture',
    });
    expect(await b.syncMeta.where('key').startsWith('pic:').count()).toBe(0);
    expect(await b.imageBlobs.count()).toBe(2);
  });
});

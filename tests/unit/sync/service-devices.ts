/**
 * Libraries in fake-indexeddb with the sync service wired as the extension wires it (change
 * capture installed, configuration saved by the settings form's way), syncing through an
 * in-process WebDAV server. Shared by the service-level sync tests of this folder.
 */
import { afterAll, beforeAll, beforeEach, expect, vi } from 'vitest';
import { browser } from 'wxt/browser';
import {
  followSyncSwitch,
  installSyncCapture,
  runSync,
  type SyncConfig,
  saveSyncConfig,
} from '@/utils/services';
import { openDb, type ReadmarkDb, saveArticle } from '@/utils/storage';
import { WebDavTarget } from '@/utils/sync';
import { makeExtracted } from '../../support/articles';
import { makeFolder, PASSWORD, type Running, startWebDavServer, USER } from '../../support/dav-servers';
import { cheapPassphraseKeys } from './harness';
import { listAll } from './support';

export const PASSPHRASE = 'correct horse battery';

/** Host access granted (the reader's click did it). */
export function grantHostAccess(): void {
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => true);
}

export async function newFolder(serverUrl: string, name: string): Promise<string> {
  const url = `${serverUrl}${name}-${crypto.randomUUID().slice(0, 8)}/`;
  await makeFolder(url);
  return url;
}

export function configFor(url: string, deviceName: string, encrypted = true): SyncConfig {
  return { url, user: USER, password: PASSWORD, deviceName, encrypted };
}

/** A library on a new device, capture installed; sync not set up yet. */
export function library(name = crypto.randomUUID()): ReadmarkDb {
  return installSyncCapture(openDb(`readmark-sync-${name}`));
}

/** Set up as the settings form does: save the configuration, run with the typed passphrase. */
export async function setUp(db: ReadmarkDb, url: string, deviceName: string, passphrase = PASSPHRASE) {
  await saveSyncConfig(db, configFor(url, deviceName));
  return expectSynced(db, { passphrase });
}

/**
 * The engine's pause after creating a folder, for runs of these tests: it lets a device that
 * created the same folder at the same moment be seen (production waits 2 s); no two libraries of
 * these tests set up at once, and the race itself is the engine's scenario with a real pause
 * (scenarios.ts: "two devices creating the same empty folder at once").
 */
export const SETTLE_MS = 0;

export async function expectSynced(db: ReadmarkDb, options: Parameters<typeof runSync>[1] = {}) {
  const status = await runSync(db, { settleMs: SETTLE_MS, ...options });
  expect(status.lastError).toBeNull();
  return status;
}

export async function save(db: ReadmarkDb, url: string, title = `Title of ${url}`) {
  const saved = await saveArticle(db, makeExtracted({ url, title }));
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value;
}

/** Saves `count` small numbered stories (Story 0, Story 1, …) and gives their ids in order. */
export async function saveStories(db: ReadmarkDb, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const page = `https://news.example/${i}`;
    const saved = await saveArticle(
      db,
      makeExtracted({
        url: page,
        canonicalUrl: page,
        title: `Story ${i}`,
        contentHtml: `<p>Story ${i}.</p>`,
      }),
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    ids.push(saved.value.id);
  }
  return ids;
}

/** Every file of the folder with its bytes, to show that something left it untouched. */
export async function folderFiles(url: string): Promise<Map<string, string>> {
  const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
  const files = new Map<string, string>();
  for (const path of await listAll(target)) files.set(path, String(await target.get(path)));
  return files;
}

/** The sync stores a read-write transaction over the articles really spans (none: not widened). */
export async function syncStoresOfAWrite(db: ReadmarkDb): Promise<string[]> {
  const stores = await db.transaction('rw', db.articles, (tx) => [...tx.idbtrans.objectStoreNames]);
  return stores.filter((name) => name.startsWith('sync')).sort();
}

export const SYNC_STORES = ['syncEntities', 'syncMeta', 'syncOutbox'];

/** Once this context knows whether sync is set up, and queued messages (BroadcastChannel) arrived. */
export async function settle(db: ReadmarkDb) {
  await followSyncSwitch(db);
  await new Promise((resolve) => setTimeout(resolve, 30));
}

/**
 * The file's in-process WebDAV server, host access granted before each test, passphrase keys
 * derived at the tests' cost (harness.ts: cheapPassphraseKeys), and a 180 s bound per test (each
 * syncs two or three libraries: a slow pass on a loaded machine may finish).
 */
export function useSyncServer(): { readonly url: string } {
  let server: Running | undefined;
  cheapPassphraseKeys();
  vi.setConfig({ testTimeout: 180_000 });
  beforeAll(async () => {
    server = await startWebDavServer();
  });
  afterAll(async () => {
    vi.resetConfig();
    await server?.stop();
  });
  beforeEach(grantHostAccess);
  return {
    get url() {
      return server!.url;
    },
  };
}

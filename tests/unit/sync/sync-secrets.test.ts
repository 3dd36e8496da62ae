// @vitest-environment node
// Secrets at rest and the passphrase change, through the sync service as the extension runs it:
// the passphrase is never stored (the folder's keys are kept as non-extractable CryptoKeys), older
// set-ups that kept it in the clear are migrated, and a passphrase change made on one device makes
// the other ask for the new one, writing nothing meanwhile.
import { describe, expect, test, vi } from 'vitest';
import { changeSyncPassphrase, loadSyncStatus, runSync } from '@/utils/services';
import { type ReadmarkDb, saveArticle } from '@/utils/storage';
import type { SyncBook } from '@/utils/sync';
import { makeExtracted } from '../../support/articles';
import {
  configFor,
  expectSynced,
  folderFiles,
  library,
  newFolder,
  PASSPHRASE,
  save,
  setUp,
  useSyncServer,
} from './service-devices';

const server = useSyncServer();

/** Everything the device keeps for sync, as text (CryptoKeys show as {}: their bytes cannot be read). */
async function keptText(db: ReadmarkDb): Promise<string> {
  return JSON.stringify(await db.syncMeta.toArray());
}

const book = async (db: ReadmarkDb) => (await db.syncMeta.get('book'))?.value as SyncBook;

/** PBKDF2 derivations made while `work` runs. */
async function derivations(work: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(crypto.subtle, 'deriveKey');
  try {
    await work();
    return spy.mock.calls.filter(([algorithm]) => (algorithm as { name: string }).name === 'PBKDF2').length;
  } finally {
    spy.mockRestore();
  }
}

describe('sync secrets at rest', () => {
  test('the passphrase is never stored; the keys are kept non-extractable and spare a derivation', async () => {
    const url = await newFolder(server.url, 'keys');
    const a = library();
    await save(a, 'https://example.org/one');
    await setUp(a, url, 'Laptop');
    const text = await keptText(a);
    expect(text).not.toContain(PASSPHRASE);
    expect(text).toContain('app-password'); // the server's own sign-in is kept (docs/threat-model.md)
    const kept = (await book(a)).keys!;
    expect(kept.keys.fileKey).toBeInstanceOf(CryptoKey);
    expect(kept.keys.fileKey?.extractable).toBe(false);
    expect(kept.keys.nameKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', kept.keys.fileKey!)).rejects.toThrow();
    // A later run (a worker woken by an alarm) opens the folder without the passphrase and
    // without deriving anything.
    await save(a, 'https://example.org/two');
    expect(await derivations(() => expectSynced(a, { automatic: true }))).toBe(0);
  });

  test('an older set-up that kept the passphrase in the clear is migrated at its next run', async () => {
    const url = await newFolder(server.url, 'legacy');
    const a = library();
    await setUp(a, url, 'Laptop');
    const b = library();
    await saveArticle(b, makeExtracted({ url: 'https://example.org/b' }));
    // As stored before keys were kept: no `encrypted`, the passphrase in the clear.
    const { encrypted: _encrypted, ...old } = configFor(url, 'Desktop');
    await b.syncMeta.put({ key: 'config', value: { ...old, passphrase: PASSPHRASE } });
    await expectSynced(b);
    expect(await keptText(b)).not.toContain(PASSPHRASE);
    expect((await b.syncMeta.get('config'))?.value).toMatchObject({ encrypted: true });
    expect((await book(b)).keys?.keys.fileKey?.extractable).toBe(false);
    await expectSynced(b);
    await expectSynced(a);
  });

  test('a legacy passphrase that is wrong stays until a run opens the folder; nothing is written', async () => {
    const url = await newFolder(server.url, 'legacy-wrong');
    const a = library();
    await setUp(a, url, 'Laptop');
    const b = library();
    const { encrypted: _encrypted, ...old } = configFor(url, 'Desktop');
    await b.syncMeta.put({ key: 'config', value: { ...old, passphrase: 'not it' } });
    const files = await folderFiles(url);
    expect((await runSync(b)).lastError?.code).toBe('sync-wrong-passphrase');
    expect(await folderFiles(url)).toEqual(files);
    await expectSynced(b, { passphrase: PASSPHRASE });
    expect(await keptText(b)).not.toContain('not it');
  });
});

describe('changing the passphrase from Settings → Sync', () => {
  test('the other device is told, writes nothing, and syncs again once given the new passphrase', async () => {
    const url = await newFolder(server.url, 'change');
    const a = library();
    const b = library();
    await save(a, 'https://example.org/one');
    await setUp(a, url, 'Laptop');
    await setUp(b, url, 'Desktop');

    expect((await changeSyncPassphrase(a, 'not the passphrase', 'new one'))?.code).toBe(
      'sync-old-passphrase-wrong',
    );
    expect(await changeSyncPassphrase(a, PASSPHRASE, 'the new passphrase')).toBeNull();
    expect(await keptText(a)).not.toContain('the new passphrase');
    await save(a, 'https://example.org/two');
    await expectSynced(a);

    await save(b, 'https://example.org/from-b');
    const files = await folderFiles(url);
    const told = await runSync(b);
    expect(told.lastError?.code).toBe('sync-passphrase-changed');
    expect(told.pending).toBeGreaterThan(0);
    expect(await folderFiles(url)).toEqual(files);
    // Changing it again from B is refused until B has the new one.
    expect((await changeSyncPassphrase(b, 'the new passphrase', 'third'))?.code).toBe(
      'sync-passphrase-changed',
    );
    expect((await runSync(b, { passphrase: PASSPHRASE })).lastError?.code).toBe('sync-wrong-passphrase');
    await expectSynced(b, { passphrase: 'the new passphrase' });
    expect((await loadSyncStatus(b)).pending).toBe(0);
    await expectSynced(b, { automatic: true });
    await expectSynced(a);
    const urls = async (db: ReadmarkDb) => (await db.articles.toArray()).map((x) => x.url).sort();
    expect(await urls(a)).toEqual(await urls(b));
    expect(await urls(a)).toHaveLength(3);
  });
});

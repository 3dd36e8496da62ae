import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';
import type { ArticleContent, ArticleImage, ArticleMeta, Highlight, ImageBlob } from '@/utils/model';
import type { ReadmarkDb, SettingRecord, SyncMetaRecord } from './db';
import { deleteArticleImages, type SyncedPictureLinks, setSyncedPictures } from './images';

/**
 * Change capture for sync: every write to the library's records (articles, bodies, highlights),
 * whatever wrote it (save, re-save, tags, notes, colours, deletes, undo, imports, restores, and
 * any write path added later), is handed to a hook inside the same IndexedDB transaction, so the
 * change and its sync record commit or abort together.
 *
 * Why a middleware and not calls in each write function: a write path added later cannot forget
 * it (as the summaries mirror, summaries.ts). Why a hook: storage may not import utils/sync or
 * services; the sync service installs the hook (`setChangeCapture`) and turns writes into sync
 * operations itself. The hook may only use the `CaptureStores` it is given (the same transaction):
 * any other await (WebCrypto, fetch) would let IndexedDB commit the transaction under it.
 *
 * Writes made by applying merged remote state (`writeSyncedRecords`) are marked and never handed
 * to the hook, so nothing received echoes back into the outbox.
 */

// settings: the few the reader chose that travel (colour names); the hook picks them by key.
// articleImages: which pictures an article shows (the pictures themselves travel by hash).
const CAPTURED = ['articles', 'contents', 'highlights', 'settings', 'articleImages'] as const;
export type CapturedTable = (typeof CAPTURED)[number];
const SYNC_STORES = ['syncMeta', 'syncEntities', 'syncOutbox'] as const;
export type SyncStoreName = (typeof SYNC_STORES)[number];

export type CapturedWrite =
  | { table: 'articles'; type: 'put'; values: ArticleMeta[] }
  | { table: 'contents'; type: 'put'; values: ArticleContent[] }
  | { table: 'highlights'; type: 'put'; values: Highlight[] }
  | { table: 'settings'; type: 'put'; values: SettingRecord[] }
  | { table: 'articleImages'; type: 'put'; values: ArticleImage[] }
  | { table: 'articleImages'; type: 'delete'; keys: [string, string][] }
  | { table: Exclude<CapturedTable, 'articleImages'>; type: 'delete'; keys: string[] };

/** The sync stores inside the capturing transaction. */
export interface CaptureStores {
  get(store: SyncStoreName, keys: string[]): Promise<unknown[]>;
  put(store: SyncStoreName, values: object[]): Promise<void>;
  delete(store: SyncStoreName, keys: string[]): Promise<void>;
  /** Rows of a store whose key starts with `prefix`. */
  withPrefix(store: SyncStoreName, prefix: string): Promise<unknown[]>;
}

export type ChangeCapture = (write: CapturedWrite, stores: CaptureStores) => Promise<void>;

/** A hook, and whether it wants writes now (sync set up): when not, writes are left as they are. */
const hooks = new WeakMap<object, { capture: ChangeCapture; active: () => boolean }>();
/** IndexedDB transactions applying remote state: never captured. */
const remote = new WeakSet<object>();

/**
 * Installs (or with null removes) the hook that sees every library write of this database. While
 * `active` answers false, no transaction is widened and the hook is not called: a write costs
 * what it costs without sync.
 */
export function setChangeCapture(
  db: ReadmarkDb,
  capture: ChangeCapture | null,
  active: () => boolean = () => true,
): void {
  if (capture) hooks.set(db, { capture, active });
  else hooks.delete(db);
}

const activeHook = (db: ReadmarkDb) => {
  const hook = hooks.get(db);
  return hook?.active() ? hook.capture : null;
};

const hasSyncStores = (trans: DBCoreTransaction) =>
  SYNC_STORES.every((name) => (trans as unknown as IDBTransaction).objectStoreNames?.contains(name) ?? false);

/** An IndexedDB request as a promise. */
const answer = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * The sync stores as CaptureStores, on the native transaction itself: by the time the hook runs,
 * the write below it has awaited (the summary mirror reads its change log), so Dexie's zone is
 * gone, and its cache and hooks layers, which read the zone's transaction, would throw. The sync
 * stores have no Dexie hooks or live queries that these writes would skip.
 */
function coreStores(trans: DBCoreTransaction): CaptureStores {
  const native = (name: SyncStoreName) => (trans as unknown as IDBTransaction).objectStore(name);
  return {
    async get(store, keys) {
      return Promise.all(keys.map((key) => answer(native(store).get(key as IDBValidKey))));
    },
    async put(store, values) {
      await Promise.all(values.map((value) => answer(native(store).put(value))));
    },
    async delete(store, keys) {
      await Promise.all(keys.map((key) => answer(native(store).delete(key as IDBValidKey))));
    },
    async withPrefix(store, prefix) {
      return answer(native(store).getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`)));
    },
  };
}

export function changeCapture(db: ReadmarkDb): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'SyncChangeCapture',
    create(down) {
      return {
        ...down,
        // While a hook is active, a transaction that may write the library includes the sync stores.
        transaction(stores, mode, options) {
          const wide =
            activeHook(db) !== null &&
            mode === 'readwrite' &&
            stores.some((s) => (CAPTURED as readonly string[]).includes(s))
              ? [...new Set([...stores, ...SYNC_STORES])]
              : stores;
          return down.transaction(wide, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!(CAPTURED as readonly string[]).includes(name)) return table;
          return {
            ...table,
            mutate(request: DBCoreMutateRequest) {
              const capture = activeHook(db);
              const { trans } = request;
              if (!capture || remote.has(trans) || !hasSyncStores(trans)) return table.mutate(request);
              const stores = coreStores(trans);
              // The write is passed down before any await: Dexie's lower layers read the
              // transaction from its zone, which an await of ours would leave.
              if (request.type === 'deleteRange') {
                // A range delete (Table.clear) names no keys: read them first, in the same transaction.
                const query = { index: table.schema.primaryKey, range: request.range };
                return table.query({ trans, values: false, query }).then(async ({ result }) => {
                  const response = await table.mutate(request);
                  if (result.length)
                    await capture({ table: name, type: 'delete', keys: result } as CapturedWrite, stores);
                  return response;
                });
              }
              return table.mutate(request).then(async (response) => {
                if (request.type === 'delete') {
                  await capture({ table: name, type: 'delete', keys: request.keys } as CapturedWrite, stores);
                } else {
                  const values = request.values.filter((_, i) => !(i in response.failures));
                  if (values.length)
                    await capture({ table: name, type: 'put', values } as CapturedWrite, stores);
                }
                return response;
              });
            },
          };
        },
      };
    },
  };
}

/** What applying merged remote state writes: each list may be empty. */
export interface SyncedWrites {
  articles?: ArticleMeta[];
  contents?: ArticleContent[];
  highlights?: Highlight[];
  deleteArticles?: string[];
  deleteHighlights?: string[];
  /** Synced settings (colour names), validated by the caller. */
  settings?: SettingRecord[];
  /** Pictures received (checked against their hash by the engine). */
  pictures?: ImageBlob[];
  /** Articles whose picture links sync sets (images.ts, setSyncedPictures). */
  pictureLinks?: SyncedPictureLinks[];
  /** Bookkeeping written in the same transaction (what was applied). */
  meta?: SyncMetaRecord[];
  deleteMeta?: string[];
}

/**
 * Writes merged remote state in one transaction, not captured (it came from sync). Deletes come
 * first: an article merged into another with the same URL gives up its canonical URL before the
 * survivor takes it. A deleted article's body and highlights go with it.
 */
export async function writeSyncedRecords(db: ReadmarkDb, writes: SyncedWrites): Promise<void> {
  await db.transaction(
    'rw',
    [db.articles, db.contents, db.highlights, db.settings, db.syncMeta, db.articleImages, db.imageBlobs],
    async (tx) => {
      remote.add(tx.idbtrans);
      const gone = writes.deleteArticles ?? [];
      if (gone.length) {
        const orphans = await db.highlights.where('articleId').anyOf(gone).primaryKeys();
        const moving = new Set((writes.highlights ?? []).map((h) => h.id));
        await db.highlights.bulkDelete(orphans.filter((id) => !moving.has(id)));
        await deleteArticleImages(db, gone);
        await db.contents.bulkDelete(gone);
        await db.articles.bulkDelete(gone);
      }
      if (writes.deleteHighlights?.length) await db.highlights.bulkDelete(writes.deleteHighlights);
      if (writes.articles?.length) await db.articles.bulkPut(writes.articles);
      if (writes.contents?.length) await db.contents.bulkPut(writes.contents);
      if (writes.highlights?.length) await db.highlights.bulkPut(writes.highlights);
      if (writes.settings?.length) await db.settings.bulkPut(writes.settings);
      if (writes.pictures?.length || writes.pictureLinks?.length)
        await setSyncedPictures(db, writes.pictures ?? [], writes.pictureLinks ?? []);
      if (writes.deleteMeta?.length) await db.syncMeta.bulkDelete(writes.deleteMeta);
      if (writes.meta?.length) await db.syncMeta.bulkPut(writes.meta);
    },
  );
}

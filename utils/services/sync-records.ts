/**
 * Library records ↔ sync records: which fields of an article and a highlight travel, and the
 * change capture hook that turns every library write into sync operations (installed on the
 * database by the sync service; utils/storage/change-capture.ts calls it inside the transaction of
 * the write, so a change and its operation commit together).
 *
 * An operation carries only the fields that differ from the replicated state: merge is per field,
 * so sending unchanged fields would overwrite another device's concurrent edit of them.
 */
import type { ArticleMeta, Highlight } from '@/utils/model';
import type { CapturedWrite, CaptureStores, ChangeCapture, ReadmarkDb } from '@/utils/storage';
import {
  type EntityKind,
  type EntityState,
  entityKey,
  type LocalChange,
  localOp,
  type NoteVersion,
  type Op,
  parseHlc,
  type SeenVector,
  type SyncBook,
  type SyncState,
  TAG_FIELD_PREFIX,
  zeroHlc,
} from '@/utils/sync';
import { t } from './i18n';

/** syncMeta keys: the engine's book and clock (sync-store.ts), and the service's own. */
export const META = {
  book: 'book',
  clock: 'clock',
  known: 'known',
  /** `body:<articleId>`: a body written locally whose hash is not yet recorded. */
  bodyPrefix: 'body:',
  /** `hash:<bodyHash>`: the article whose stored body has this hash. */
  hashPrefix: 'hash:',
  /** `blob:<bodyHash>`: a body received, waiting for its article to be written. */
  blobPrefix: 'blob:',
  /** `pics:<articleId>`: the article's picture links changed here; its `images` field not yet recorded. */
  picsPrefix: 'pics:',
  /** `pic:<hash>`: a picture received, waiting to be stored with the articles that show it. */
  picPrefix: 'pic:',
  /** `picin:<hash>`: this picture is in the sync folder (sent from here, or received). */
  picInPrefix: 'picin:',
  /** `picout:<hash>`: this picture's upload took too long; later runs try it again. */
  picOutPrefix: 'picout:',
} as const;

/** Fields that stay on this machine: download bookkeeping, and the id (the record's key). */
const LOCAL_ONLY = new Set(['id', 'tags', 'notDownloaded', 'downloadError']);

export function articleFields(meta: ArticleMeta): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(meta)) if (!LOCAL_ONLY.has(name)) fields[name] = value;
  for (const tag of meta.tags) fields[TAG_FIELD_PREFIX + tag] = true;
  return fields;
}

export function highlightFields(highlight: Highlight): Record<string, unknown> {
  const { articleId, color, quote, position, page, createdAt, updatedAt } = highlight;
  return { articleId, color, quote, position, page: page ?? null, createdAt, updatedAt };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A note as the library shows it: the winning text, then each concurrent text as a marked
 * conflict copy in the reader's language (the reader keeps what they want; editing the note
 * resolves it everywhere). The time is ISO 8601, the same in every language.
 */
export function noteText(heads: readonly NoteVersion[]): string {
  const [winner, ...others] = heads;
  const copies = others.filter((head) => head.text !== winner?.text);
  return [
    winner?.text ?? '',
    ...copies.map((head) => {
      const when = new Date(parseHlc(head.h).wall).toISOString();
      return `\n\n${t('syncConflictCopy', when)}\n${head.text}`;
    }),
  ].join('');
}

/** The fields that differ from the record's replicated state (null: nothing to send). */
export function changeOf(
  kind: EntityKind,
  record: ArticleMeta | Highlight,
  entity: EntityState | undefined,
): LocalChange | null {
  const fields =
    kind === 'article' ? articleFields(record as ArticleMeta) : highlightFields(record as Highlight);
  const set: Record<string, unknown> = {};
  // Written again after a delete (undo, a restore): every field travels, each stamped after the
  // delete, so the record comes back on every device instead of staying deleted there.
  const recreated = Boolean(entity?.del);
  for (const [name, value] of Object.entries(fields)) {
    if (recreated) {
      set[name] = value;
      continue;
    }
    // A highlight's article changes only when sync merges two copies of one article: not an edit.
    if (kind === 'highlight' && name === 'articleId' && entity?.fields.articleId) continue;
    if (!entity?.fields[name] || !same(entity.fields[name].v, value)) set[name] = value;
  }
  if (kind === 'article') {
    for (const [name, field] of Object.entries(entity?.fields ?? {})) {
      if (name.startsWith(TAG_FIELD_PREFIX) && field.v === true && !(name in fields)) set[name] = false;
    }
  }
  const note = kind === 'highlight' ? (record as Highlight).note : undefined;
  const noteChanged = note !== undefined && (recreated || note !== noteText(entity?.heads ?? []));
  if (Object.keys(set).length === 0) return noteChanged ? { note } : null;
  return noteChanged ? { set, note } : { set };
}

type Row = { key: string; value: unknown } | undefined;

/** Records local changes of one kind: stamps them, updates the replicated state, queues them. */
export async function recordChanges(
  stores: CaptureStores,
  kind: EntityKind,
  changes: (entity: EntityState | undefined, id: string) => LocalChange | null,
  ids: string[],
  now = Date.now(),
): Promise<Op[]> {
  const [bookRow, clockRow, knownRow] = (await stores.get('syncMeta', [
    META.book,
    META.clock,
    META.known,
  ])) as Row[];
  if (!bookRow) return []; // sync was never set up: nothing to record
  const book = bookRow.value as SyncBook;
  const keys = ids.map((id) => entityKey(kind, id));
  const rows = (await stores.get('syncEntities', keys)) as Row[];
  const state: SyncState = {
    device: book.deviceId,
    clock: (clockRow?.value as string) ?? zeroHlc(book.deviceId),
    known: (knownRow?.value as SeenVector) ?? {},
    entities: {},
  };
  for (const row of rows) if (row) state.entities[row.key] = row.value as EntityState;
  const ops: Op[] = [];
  ids.forEach((id, i) => {
    const change = changes(state.entities[keys[i] as string], id);
    if (change) ops.push(localOp(state, kind, id, change, now));
  });
  if (ops.length === 0) return ops;
  await stores.put('syncMeta', [
    { key: META.clock, value: state.clock },
    { key: META.known, value: state.known },
  ]);
  const touched = [...new Set(ops.map((op) => entityKey(op.kind, op.id)))];
  await stores.put(
    'syncEntities',
    touched.map((key) => ({ key, value: state.entities[key] })),
  );
  await stores.put(
    'syncOutbox',
    ops.map((op) => ({ hlc: op.hlc, op })),
  );
  return ops;
}

/**
 * Settings that travel: those the reader chose for the library itself (colour names). Window
 * sizes, reader view preferences and the like stay on each machine. Each field (here: each
 * colour's name) merges on its own, last writer wins.
 */
export const SYNCED_SETTINGS = new Set(['colorNames']);

/** The fields of a synced setting that differ from what sync knows (null: nothing to send). */
function settingChange(value: unknown, entity: EntityState | undefined): LocalChange | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const set: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (!entity?.fields[name] || !same(entity.fields[name].v, field)) set[name] = field;
  }
  return Object.keys(set).length ? { set } : null;
}

async function recordSettings(stores: CaptureStores, records: { key: string; value: unknown }[]) {
  const synced = new Map(records.filter((r) => SYNCED_SETTINGS.has(r.key)).map((r) => [r.key, r.value]));
  if (synced.size === 0) return;
  await recordChanges(stores, 'setting', (entity, key) => settingChange(synced.get(key), entity), [
    ...synced.keys(),
  ]);
}

/** The capture hook: library writes → sync operations (and body markers, hashed before a run). */
export const captureChange: ChangeCapture = async (write: CapturedWrite, stores: CaptureStores) => {
  if (write.table === 'articleImages') {
    // Marked, settled before the next run (sync-pictures.ts): the field lists all the article's links.
    const ids =
      write.type === 'put' ? write.values.map((link) => link.articleId) : write.keys.map(([id]) => id);
    await stores.put(
      'syncMeta',
      [...new Set(ids)].map((id) => ({ key: META.picsPrefix + id, value: 1 })),
    );
    return;
  }
  if (write.table === 'contents') {
    if (write.type === 'put') {
      await stores.put(
        'syncMeta',
        write.values.map((content) => ({ key: META.bodyPrefix + content.articleId, value: 1 })),
      );
    }
    return;
  }
  if (write.table === 'settings') {
    if (write.type === 'put') await recordSettings(stores, write.values);
    return; // a setting removed (restore, reset) is not a choice to spread
  }
  const kind: EntityKind = write.table === 'articles' ? 'article' : 'highlight';
  if (write.type === 'delete') {
    // Only records sync knows. One deleted before and kept since (edited elsewhere meanwhile) is
    // deleted again: the new delete has seen those edits, so it now takes effect everywhere.
    await recordChanges(stores, kind, (entity) => (entity ? { del: true } : null), write.keys);
    return;
  }
  const records = new Map<string, ArticleMeta | Highlight>(write.values.map((r) => [r.id, r]));
  await recordChanges(stores, kind, (entity, id) => changeOf(kind, records.get(id)!, entity), [
    ...records.keys(),
  ]);
};

/** CaptureStores over Dexie's tables (for work outside a captured write: seeding, body hashes). */
export function dexieStores(db: ReadmarkDb): CaptureStores {
  const table = (name: 'syncMeta' | 'syncEntities' | 'syncOutbox') => db.table(name);
  return {
    get: (store, keys) => table(store).bulkGet(keys),
    put: async (store, values) => {
      await table(store).bulkPut(values);
    },
    delete: (store, keys) => table(store).bulkDelete(keys),
    withPrefix: (store, prefix) => table(store).where(':id').startsWith(prefix).toArray(),
  };
}

/**
 * The sync engine's SyncStore in IndexedDB (schema version 5): the book, the replica's clock and
 * per-record merge state, and the outbox. Every commit is one Dexie transaction, so a worker killed
 * during it leaves the old bookkeeping or the new, never half (what makes each engine step
 * repeatable). Local changes enter through `recordLocalChange`, to be called inside the same
 * transaction as the change to the library itself.
 */
import type { ReadmarkDb } from '@/utils/storage';
import {
  applyOp,
  type EntityKind,
  type EntityState,
  entityKey,
  type LocalChange,
  localOp,
  newBook,
  newId,
  type Op,
  purgedMarker,
  type SeenVector,
  type SyncBook,
  type SyncCommit,
  type SyncLight,
  type SyncSnapshot,
  type SyncState,
  type SyncStore,
  zeroHlc,
} from '@/utils/sync';

const BOOK = 'book';
/** `apply:<kind/id>`: a record merged from remote, not yet written to the library (sync-apply.ts). */
export const APPLY_PREFIX = 'apply:';
const CLOCK = 'clock';
const KNOWN = 'known';

interface Clock {
  clock: string;
  known: SeenVector;
}

export class DexieSyncStore implements SyncStore {
  constructor(
    private readonly db: ReadmarkDb,
    private readonly deviceName: string,
  ) {}

  /** The book, made (with a new random device id) the first time. */
  private async book(): Promise<SyncBook> {
    const stored = (await this.db.syncMeta.get(BOOK))?.value as SyncBook | undefined;
    if (stored) return stored;
    const book = newBook(newId(), this.deviceName);
    await this.db.syncMeta.put({ key: BOOK, value: book });
    return book;
  }

  private async clock(deviceId: string): Promise<Clock> {
    const [clock, known] = await this.db.syncMeta.bulkGet([CLOCK, KNOWN]);
    return {
      clock: (clock?.value as string) ?? zeroHlc(deviceId),
      known: (known?.value as SeenVector) ?? {},
    };
  }

  async load(): Promise<SyncSnapshot> {
    const { db } = this;
    return db.transaction('rw', db.syncMeta, db.syncEntities, db.syncOutbox, async () => {
      const book = await this.book();
      const { clock, known } = await this.clock(book.deviceId);
      const entities: Record<string, EntityState> = {};
      for (const row of await db.syncEntities.toArray()) entities[row.key] = row.value as EntityState;
      const outbox = (await db.syncOutbox.orderBy('hlc').toArray()).map((row) => row.op as Op);
      return { book, state: { device: book.deviceId, clock, known, entities }, outbox };
    });
  }

  async loadLight(): Promise<SyncLight> {
    const { db } = this;
    return db.transaction('rw', db.syncMeta, db.syncOutbox, async () => {
      const book = await this.book();
      const { clock, known } = await this.clock(book.deviceId);
      const outbox = (await db.syncOutbox.orderBy('hlc').toArray()).map((row) => row.op as Op);
      return { book, outbox, clock, known };
    });
  }

  async commit(change: SyncCommit): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.syncMeta, db.syncEntities, db.syncOutbox, async () => {
      const book = await this.book();
      if (change.apply?.length) {
        const state = await this.partialState(book.deviceId, change.apply);
        for (const op of change.apply) applyOp(state, op, change.now ?? Date.now());
        await this.save(state);
        // What the library has yet to show, committed with the merge: applying it is resumable.
        const keys = [...new Set(change.apply.map((op) => entityKey(op.kind, op.id)))];
        await db.syncMeta.bulkPut(keys.map((key) => ({ key: APPLY_PREFIX + key, value: 1 })));
      }
      if (change.book) await db.syncMeta.put({ key: BOOK, value: { ...book, ...change.book } });
      if (change.uploaded?.length) await db.syncOutbox.bulkDelete(change.uploaded);
      if (change.purge?.length) {
        const rows = (await db.syncEntities.bulkGet(change.purge)).filter((row) => row !== undefined);
        await db.syncEntities.bulkPut(
          rows.map((row) => ({ key: row.key, value: purgedMarker(row.value as EntityState) })),
        );
      }
    });
  }

  /** Record a local change (call inside the transaction that changes the library). */
  async recordLocalChange(kind: EntityKind, id: string, change: LocalChange, now = Date.now()): Promise<Op> {
    const { db } = this;
    return db.transaction('rw', db.syncMeta, db.syncEntities, db.syncOutbox, async () => {
      const book = await this.book();
      const state = await this.partialState(book.deviceId, [{ kind, id }]);
      const op = localOp(state, kind, id, change, now);
      await this.save(state);
      await db.syncOutbox.add({ hlc: op.hlc, op });
      return op;
    });
  }

  /** The clock and only the records these operations touch: applyOp needs no more. */
  private async partialState(deviceId: string, ops: { kind: EntityKind; id: string }[]): Promise<SyncState> {
    const keys = [...new Set(ops.map((op) => entityKey(op.kind, op.id)))];
    const rows = await this.db.syncEntities.bulkGet(keys);
    const entities: Record<string, EntityState> = {};
    for (const row of rows) if (row) entities[row.key] = row.value as EntityState;
    return { device: deviceId, ...(await this.clock(deviceId)), entities };
  }

  private async save(state: SyncState): Promise<void> {
    await this.db.syncMeta.bulkPut([
      { key: CLOCK, value: state.clock },
      { key: KNOWN, value: state.known },
    ]);
    await this.db.syncEntities.bulkPut(
      Object.entries(state.entities).map(([key, value]) => ({ key, value })),
    );
  }
}

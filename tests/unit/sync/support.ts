/**
 * Test doubles for the sync engine: a store in memory (with local edits as the extension makes
 * them), a body store, and canonical views of a library for deep comparison between devices.
 */
import {
  applyOp,
  type BodyStore,
  bodyHash,
  type EntityKind,
  emptyState,
  type Library,
  type LocalChange,
  localOp,
  materialise,
  newBook,
  type Op,
  type PictureStore,
  purgedMarker,
  type ReceivedBody,
  type RemoteTarget,
  type StoredPicture,
  type SyncBook,
  type SyncCommit,
  type SyncLight,
  type SyncSnapshot,
  type SyncState,
  type SyncStore,
} from '@/utils/sync';

export class MemoryStore implements SyncStore {
  book: SyncBook;
  state: SyncState;
  outbox: Op[] = [];
  commits = 0;
  /** Wall clock of this device (tests shift it to fake a wrong clock). */
  clockOffset = 0;
  private tickMs = 1_700_000_000_000;

  constructor(readonly deviceId: string) {
    this.book = newBook(deviceId, `device ${deviceId}`);
    this.state = emptyState(deviceId);
  }

  /** A deterministic, advancing wall clock, shifted by clockOffset. */
  now = (): number => {
    this.tickMs += 1000;
    return this.tickMs + this.clockOffset;
  };

  async load(): Promise<SyncSnapshot> {
    return structuredClone({ book: this.book, state: this.state, outbox: this.outbox });
  }

  async loadLight(): Promise<SyncLight> {
    const { clock, known } = this.state;
    return structuredClone({ book: this.book, outbox: this.outbox, clock, known });
  }

  async commit(change: SyncCommit): Promise<void> {
    this.commits++;
    // Applied to a copy and swapped in: all or nothing, as an IndexedDB transaction. A commit of
    // bookkeeping alone leaves the records as they are (no copy of 10,000 of them in the bench).
    if (change.apply?.length) {
      const state = structuredClone(this.state);
      for (const op of change.apply) applyOp(state, op, change.now ?? this.now());
      this.state = state;
    }
    if (change.purge?.length) {
      const state = structuredClone(this.state);
      for (const key of change.purge) {
        const entity = state.entities[key];
        if (entity) state.entities[key] = purgedMarker(entity);
      }
      this.state = state;
    }
    this.book = { ...this.book, ...structuredClone(change.book ?? {}) };
    const uploaded = new Set(change.uploaded ?? []);
    this.outbox = this.outbox.filter((op) => !uploaded.has(op.hlc));
  }

  edit(kind: EntityKind, id: string, change: LocalChange): Op {
    const op = localOp(this.state, kind, id, change, this.now());
    this.outbox.push(op);
    return op;
  }

  saveArticle(id: string, url: string, title = `Title of ${url}`, extra: Record<string, unknown> = {}): Op {
    return this.edit('article', id, { set: { canonicalUrl: url, url, title, ...extra } });
  }

  addHighlight(id: string, articleId: string, exact: string, note = ''): Op {
    return this.edit('highlight', id, {
      set: {
        articleId,
        color: 'yellow',
        quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      },
      note,
    });
  }

  library(): Library {
    return materialise(this.state);
  }
}

/** A library as plain sorted JSON, to compare two devices deeply. */
export function libraryView(library: Library): unknown {
  const articles = [...library.articles.values()].sort((a, b) => a.id.localeCompare(b.id));
  const highlights = [...library.highlights.values()].sort((a, b) => a.id.localeCompare(b.id));
  return JSON.parse(JSON.stringify({ articles, highlights }));
}

/** Deliver every op of `from` to `to` (as a sync would), in the given order. */
export function deliver(to: MemoryStore, ops: Op[]): void {
  for (const op of ops) applyOp(to.state, op, to.now());
}

/** Article bodies in memory, by hash. */
export class MemoryBodies implements BodyStore {
  readonly files = new Map<string, Uint8Array<ArrayBuffer>>();
  async read(hash: string) {
    return this.files.get(hash) ?? null;
  }
  /** Each batch written, by hash (a body stored twice shows). */
  readonly writes: string[][] = [];
  async missing(hashes: string[]) {
    return hashes.filter((hash) => !this.files.has(hash));
  }
  async write(bodies: ReceivedBody[]) {
    for (const { hash, bytes } of bodies) this.files.set(hash, bytes);
    this.writes.push(bodies.map((body) => body.hash));
  }
  /** Store a body and return the hash an article record carries. */
  async add(body: string): Promise<string> {
    const bytes = new TextEncoder().encode(body);
    const hash = await bodyHash(bytes);
    this.files.set(hash, bytes);
    return hash;
  }
}

/** Stored pictures in memory, by hash; counts each store of a picture (a duplicate shows). */
export class MemoryPictures implements PictureStore {
  readonly files = new Map<string, StoredPicture>();
  readonly writes = new Map<string, number>();
  readonly folder = new Set<string>();
  async read(hash: string) {
    return this.files.get(hash) ?? null;
  }
  async has(hash: string) {
    return this.files.has(hash);
  }
  async write(hash: string, picture: StoredPicture) {
    this.files.set(hash, picture);
    this.writes.set(hash, (this.writes.get(hash) ?? 0) + 1);
  }
  async inFolder(hashes: string[]) {
    return hashes.map((hash) => this.folder.has(hash));
  }
  async markInFolder(hashes: string[]) {
    for (const hash of hashes) this.folder.add(hash);
  }
  readonly left = new Set<string>();
  async unsent() {
    return [...this.left];
  }
  async setUnsent(hash: string, unsent: boolean) {
    if (unsent) this.left.add(hash);
    else this.left.delete(hash);
  }
  /** Store a picture and return its hash. */
  async add(content: string, type = 'image/png'): Promise<string> {
    const bytes = new TextEncoder().encode(content);
    const hash = await bodyHash(bytes);
    this.files.set(hash, { type, bytes });
    return hash;
  }
}

/** Every file under a folder of a target, recursively (paths relative to the sync folder). */
export async function listAll(target: RemoteTarget, folder = ''): Promise<string[]> {
  const entries = (await target.list(folder)) ?? [];
  const paths: string[] = [];
  for (const entry of entries) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isFolder) paths.push(...(await listAll(target, path)));
    else paths.push(path);
  }
  return paths.sort();
}

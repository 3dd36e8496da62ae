import { type AppError, type ArticleMeta, describeThrown, type Highlight } from '@/utils/model';
import {
  fingerprintLibrary,
  LibraryIndex,
  type LibraryMatches,
  type SerialisedLibraryIndex,
} from '@/utils/search';
import { loadSearchIndex, type ReadmarkDb, readIndexSources, saveSearchIndex } from '@/utils/storage';

export type HighlightStamp = Pick<Highlight, 'id' | 'articleId' | 'updatedAt'>;
/** What the catch-up compares per article (an ArticleMeta or an ArticleSummary has it). */
export type ArticleStamp = Pick<ArticleMeta, 'id' | 'updatedAt'>;

/** Where the index stands: the page shows the list at once and says when search is still getting ready. */
export type IndexState =
  | { phase: 'loading' }
  | { phase: 'indexing'; done: number; total: number }
  | { phase: 'ready' }
  | { phase: 'error'; error: AppError };

/** Why full-text search stopped (a failed index write or read, a Worker that died). */
export const searchUnavailable = (thrown: unknown): AppError => ({
  code: 'search-unavailable',
  data: { detail: describeThrown(thrown) },
});

const CHUNK = 100;
/** Quiet time before saving: coalesces a burst of changes (serialising runs off the page's thread). */
const SAVE_DELAY_MS = 500;
/**
 * A long build saves what it has every so many articles: a saved partial index, with its
 * stamps, is a valid starting point, so closing the page mid-build loses little work.
 */
const SAVE_EVERY = 2_500;
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One article's share of the library fingerprint (the stamp the saved index keeps per article). */
function stampOf(meta: ArticleStamp, highlights: readonly HighlightStamp[]): number {
  return fingerprintLibrary([meta], highlights).digest;
}

/**
 * Keeps the library's full-text index in step with the database. On open it restores the saved
 * index; the index keeps one stamp per article (the parts of the library fingerprint), so a stale
 * index is caught up article by article (upsert what changed, remove what is gone) instead of
 * being rebuilt, and a missing or outdated-format one is built in chunks that yield to the page.
 * After changes it saves the index again, once things are quiet.
 */
export class SearchIndexSync {
  private index: LibraryIndex = LibraryIndex.create();
  private indexed = new Map<string, number>();
  private opened: Promise<void> | null = null;
  private latest: { metas: readonly ArticleStamp[]; highlights: readonly HighlightStamp[] } | null = null;
  private running = false;
  private ready = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private unsaved = false;
  private disposed = false;

  constructor(
    private readonly db: ReadmarkDb,
    private readonly onState: (state: IndexState) => void,
    private readonly saveDelayMs = SAVE_DELAY_MS,
  ) {}

  /** Feeds the library as it now is; catches the index up (in the background) with it. */
  update(metas: readonly ArticleStamp[], highlights: readonly HighlightStamp[]): Promise<void> {
    this.latest = { metas, highlights };
    return this.open().then(() => this.drain());
  }

  /**
   * Starts restoring the saved index (update does too): call it before reading the library, so
   * reading the saved index overlaps with reading the article list.
   */
  open(): Promise<void> {
    this.opened ??= this.restore();
    return this.opened;
  }

  /** Whether the index covers the whole library (it may lag one change behind for a moment). */
  get isReady(): boolean {
    return this.ready;
  }

  /** Searches the index; null when the query has no searchable word. */
  search(query: string): LibraryMatches | null {
    return this.index.search(query);
  }

  /** Writes any pending save now (tests, and a page about to close). */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    await this.save();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.saveTimer);
  }

  private async restore(): Promise<void> {
    this.onState({ phase: 'loading' });
    const json = await loadSearchIndex(this.db).catch(() => null);
    if (json === null) return;
    let data: SerialisedLibraryIndex;
    try {
      data = JSON.parse(json);
    } catch {
      return; // unreadable: build afresh
    }
    // This runs in the search worker, where nothing waits on the thread: the synchronous load
    // is the faster one (loadAsync yields to a page's event loop thousands of times at 10,000 articles).
    const loaded = LibraryIndex.load(data);
    if (!loaded.ok) return; // another index format: build afresh
    this.index = loaded.value;
    this.indexed = new Map(Object.entries(data.stamps));
  }

  /** Runs catch-ups until the index has seen the latest library state. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.latest && !this.disposed) {
        const { metas, highlights } = this.latest;
        this.latest = null;
        await this.catchUp(metas, highlights);
      }
    } catch (error) {
      this.onState({ phase: 'error', error: searchUnavailable(error) });
    } finally {
      this.running = false;
    }
  }

  private async catchUp(
    metas: readonly ArticleStamp[],
    highlights: readonly HighlightStamp[],
  ): Promise<void> {
    const byArticle = new Map<string, HighlightStamp[]>();
    for (const h of highlights) {
      const list = byArticle.get(h.articleId);
      if (list) list.push(h);
      else byArticle.set(h.articleId, [h]);
    }
    const present = new Set<string>();
    const stale: string[] = [];
    for (const meta of metas) {
      present.add(meta.id);
      if (this.indexed.get(meta.id) !== stampOf(meta, byArticle.get(meta.id) ?? [])) stale.push(meta.id);
    }
    const gone = [...this.indexed.keys()].filter((id) => !present.has(id));
    for (const id of gone) {
      this.index.remove(id);
      this.indexed.delete(id);
    }
    for (let i = 0; i < stale.length && !this.disposed; i += CHUNK) {
      if (!this.ready) this.onState({ phase: 'indexing', done: i, total: stale.length });
      for (const source of await readIndexSources(this.db, stale.slice(i, i + CHUNK))) {
        this.index.upsert(source);
        this.indexed.set(source.meta.id, stampOf(source.meta, source.highlights));
      }
      if (stale.length > CHUNK) await yieldToPage();
      if ((i + CHUNK) % SAVE_EVERY === 0 && i + CHUNK < stale.length) {
        this.unsaved = true;
        await this.save();
      }
    }
    const changed = stale.length > 0 || gone.length > 0;
    if (!this.ready || changed) {
      // Said again after every change: a search the page sent while this catch-up ran was
      // answered from the index before it, and the page searches again when told (an article
      // restored by Undo, then searched for at once, was otherwise missing until the next key).
      this.ready = true;
      this.onState({ phase: 'ready' });
    }
    if (changed) this.scheduleSave();
  }

  private scheduleSave(): void {
    this.unsaved = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      // Serialising a large index takes a moment: do it when the page is idle.
      const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
      idle(() => {
        if (!this.disposed) {
          this.save().catch((error: unknown) =>
            this.onState({ phase: 'error', error: searchUnavailable(error) }),
          );
        }
      });
    }, this.saveDelayMs);
  }

  private async save(): Promise<void> {
    if (!this.unsaved) return;
    this.unsaved = false;
    await saveSearchIndex(this.db, JSON.stringify(this.index));
  }
}

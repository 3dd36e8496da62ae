/**
 * The library's search runs here, off the page's main thread: restoring a saved index (~26 MB
 * of JSON at 10,000 articles), building one, catching it up and saving it all take seconds of
 * CPU that would otherwise stall scrolling and typing. The worker watches the database itself
 * (Dexie's live queries reach workers too), so the page only sends queries.
 */
import { bestSnippet, type LibraryMatches } from '@/utils/search';
import {
  listHighlightStamps,
  listSummaries,
  observe,
  openDb,
  readIndexSources,
  saveSummarySnapshot,
  summarySnapshotBehind,
} from '@/utils/storage';
import type { SearchRequest, Snippets, WorkerMessage } from './library-search-protocol';
import {
  type ArticleStamp,
  type HighlightStamp,
  SearchIndexSync,
  searchUnavailable,
} from './search-index-sync';

const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
};

// It only reads what it observes (see OpenDbOptions).
const db = openDb(undefined, { frozenLiveQueries: true });

/** Quiet time after the index is ready or the library changed before the summary snapshot is taken. */
const SNAPSHOT_DELAY_MS = 3_000;
let snapshotTimer: ReturnType<typeof setTimeout> | undefined;
let indexReady = false;
/**
 * Takes a new summary snapshot (the library page's one-read list, see utils/storage
 * summary-snapshot.ts) when the stored one is missing or behind, once the library is quiet. It
 * reads the whole summaries table: a snapshot that is only behind waits for the index to be
 * ready (restoring it comes first); a missing one is taken at once, so the next open is quick
 * even when this one closes before its index is built.
 */
const refreshSnapshot = () => {
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(() => {
    void summarySnapshotBehind(db)
      .then((behind) =>
        behind === 'missing' || (behind && indexReady) ? saveSummarySnapshot(db) : undefined,
      )
      .catch(() => undefined); // the page reads the table instead: slower, never wrong
  }, SNAPSHOT_DELAY_MS);
};

const sync = new SearchIndexSync(db, (state) => {
  if (state.phase === 'ready' && !indexReady) {
    indexReady = true;
    refreshSnapshot();
  }
  scope.postMessage({ type: 'state', state });
});
// Read the saved index while the article list is read, not after.
void sync.open();
let metas: ArticleStamp[] | null = null;
let highlights: HighlightStamp[] | null = null;
const feed = () => {
  if (metas && highlights) void sync.update(metas, highlights);
};
const fail = (error: unknown) =>
  scope.postMessage({ type: 'state', state: { phase: 'error', error: searchUnavailable(error) } });
observe(
  // The summaries carry each article's id and updatedAt, all the catch-up compares.
  () => listSummaries(db),
  (value) => {
    metas = value;
    feed();
    refreshSnapshot();
  },
  fail,
);
observe(
  () => listHighlightStamps(db),
  (value) => {
    highlights = value;
    feed();
  },
  fail,
);

/** The latest search, kept for the snippets of its rows (which terms each article matched). */
let last: { query: string; found: LibraryMatches | null } = { query: '', found: null };
const searchFor = (query: string) => {
  last = { query, found: sync.search(query) };
  return last.found;
};

async function snippetsOf(query: string, ids: readonly string[]): Promise<Snippets> {
  const terms = (last.query === query ? last.found : searchFor(query))?.terms;
  const snippets: Snippets = {};
  if (!terms) return snippets;
  for (const source of await readIndexSources(db, ids)) {
    const matched = terms.get(source.meta.id);
    if (!matched) continue;
    const texts = [source.text, ...source.highlights.flatMap((h) => [h.quote.exact, h.note])];
    snippets[source.meta.id] = bestSnippet(texts, new Set(matched));
  }
  return snippets;
}

scope.onmessage = ({ data }) => {
  if (data.type === 'search') {
    // A search answered before the index is ready would miss articles: the page searches titles.
    if (!sync.isReady) return scope.postMessage({ type: 'results', id: data.id, results: null });
    const found = searchFor(data.query);
    const results = found && { mode: found.mode, scores: found.scores };
    return scope.postMessage({ type: 'results', id: data.id, results });
  }
  snippetsOf(data.query, sync.isReady ? data.ids : [])
    .catch(() => ({}))
    .then((snippets) => scope.postMessage({ type: 'snippets', id: data.id, snippets }));
};

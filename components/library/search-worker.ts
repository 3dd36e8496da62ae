/**
 * The library's search runs here, off the page's main thread: restoring a saved index (~26 MB
 * of JSON at 10,000 articles), building one, catching it up and saving it all take seconds of
 * CPU that would otherwise stall scrolling and typing. The worker watches the database itself
 * (Dexie's live queries reach workers too), so the page only sends queries.
 */
import type { ArticleMeta } from '@/utils/model';
import { listArticles, listHighlightStamps, observe, openDb } from '@/utils/storage';
import { type HighlightStamp, SearchIndexSync } from './search-index-sync';
import type { SearchReply, SearchRequest, WorkerMessage } from './search-protocol';

const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
};

const db = openDb();
const sync = new SearchIndexSync(db, (state) => scope.postMessage({ type: 'state', state }));
let metas: ArticleMeta[] | null = null;
let highlights: HighlightStamp[] | null = null;
const feed = () => {
  if (metas && highlights) void sync.update(metas, highlights);
};
const fail = (error: unknown) =>
  scope.postMessage({ type: 'state', state: { phase: 'error', message: String(error) } });
observe(
  () => listArticles(db),
  (value) => {
    metas = value;
    feed();
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

scope.onmessage = ({ data }) => {
  const reply: SearchReply = {
    type: 'results',
    id: data.id,
    results: sync.isReady ? sync.search(data.query) : null,
  };
  scope.postMessage(reply);
};

import type { LibrarySearch } from '@/utils/search';
import type { SearchRequest, Snippets, WorkerMessage } from './library-search-protocol';
import { type IndexState, searchUnavailable } from './search-index-sync';

export interface SearchClient {
  search(query: string): Promise<LibrarySearch | null>;
  /** Snippets of results `ids` of `query` (only articles the query matches get one). */
  snippets(query: string, ids: readonly string[]): Promise<Snippets>;
  dispose(): void;
}

/** Starts the search worker (see library-search-worker.ts); `onState` hears how its index is doing. */
export function startSearchWorker(onState: (state: IndexState) => void): SearchClient {
  const worker = new Worker(new URL('./library-search-worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, (answer: never) => void>();
  let nextId = 1;
  worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    if (data.type === 'state') return onState(data.state);
    const answer = data.type === 'results' ? data.results : data.snippets;
    pending.get(data.id)?.(answer as never);
    pending.delete(data.id);
  };
  worker.onerror = (event) =>
    onState({ phase: 'error', error: searchUnavailable(event.message || 'the search worker stopped') });
  const ask = <T>(request: SearchRequest) =>
    new Promise<T>((resolve) => {
      pending.set(request.id, resolve as (answer: never) => void);
      worker.postMessage(request);
    });
  return {
    search: (query) => {
      const start = performance.now();
      return ask<LibrarySearch | null>({ type: 'search', id: nextId++, query }).finally(() =>
        // Read by `npm run bench:library`: the worker's part of a query's time (the rest is rendering).
        performance.measure('rm:library-search-worker', { start }),
      );
    },
    snippets: (query, ids) => ask({ type: 'snippets', id: nextId++, query, ids: [...ids] }),
    dispose: () => worker.terminate(),
  };
}

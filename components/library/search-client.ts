import type { LibrarySearch } from '@/utils/search';
import type { IndexState } from './search-index-sync';
import type { SearchRequest, WorkerMessage } from './search-protocol';

export interface SearchClient {
  search(query: string): Promise<LibrarySearch | null>;
  dispose(): void;
}

/** Starts the search worker (see search-worker.ts); `onState` hears how its index is doing. */
export function startSearchWorker(onState: (state: IndexState) => void): SearchClient {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, (results: LibrarySearch | null) => void>();
  let nextId = 1;
  worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    if (data.type === 'state') onState(data.state);
    else {
      pending.get(data.id)?.(data.results);
      pending.delete(data.id);
    }
  };
  worker.onerror = (event) => onState({ phase: 'error', message: event.message || 'search worker failed' });
  return {
    search(query) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, query } satisfies SearchRequest);
      });
    },
    dispose: () => worker.terminate(),
  };
}

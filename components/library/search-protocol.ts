import type { LibrarySearch } from '@/utils/search';
import type { IndexState } from './search-index-sync';

/** Page → search worker: one query. */
export interface SearchRequest {
  id: number;
  query: string;
}

/** Search worker → page: the answer to request `id` (null: no searchable word, or index not ready). */
export interface SearchReply {
  type: 'results';
  id: number;
  results: LibrarySearch | null;
}

export type WorkerMessage = SearchReply | { type: 'state'; state: IndexState };

import type { LibrarySearch, SnippetPart } from '@/utils/search';
import type { IndexState } from './search-index-sync';

/**
 * Page → search worker: one query; or the snippets of some of its results (the rows in view),
 * each a passage of the article with the words the query matched marked.
 */
export type SearchRequest =
  | { type: 'search'; id: number; query: string }
  | { type: 'snippets'; id: number; query: string; ids: string[] };

/** Per article id, its snippet, or null when the match is not in its text (e.g. in the title). */
export type Snippets = Record<string, SnippetPart[] | null>;

/** Search worker → page: the answer to request `id` (null: no searchable word, or index not ready). */
export interface SearchReply {
  type: 'results';
  id: number;
  results: LibrarySearch | null;
}

/** Search worker → page: the snippets asked for by request `id`. */
export interface SnippetReply {
  type: 'snippets';
  id: number;
  snippets: Snippets;
}

export type WorkerMessage = SearchReply | SnippetReply | { type: 'state'; state: IndexState };

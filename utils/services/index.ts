/**
 * utils/services: orchestration of the rooms (storage, extraction, export, search, import,
 * messaging) for the pages and the background; it renders nothing.
 * Public surface here: the library's search worker (startSearchWorker, its protocol and index
 * state) and SearchIndexSync, which keeps the persisted full-text index in step with the database.
 */
export { type SearchClient, startSearchWorker } from './library-search-client';
export type { SearchRequest, Snippets, WorkerMessage } from './library-search-protocol';
export {
  type ArticleStamp,
  type HighlightStamp,
  type IndexState,
  SearchIndexSync,
} from './search-index-sync';

/**
 * utils/search: the library's search and list engine. Pure computation, no I/O: the library page
 * runs it, and storage keeps the index it serialises.
 * Public surface: LibraryIndex (full-text index, incremental, persistable) with
 * fingerprintLibrary to detect a stale saved index; quickSearch (titles, sites and tags, from the
 * article list alone) while it loads; bestSnippet for a result's marked passage; filterArticles, siteOf and sortArticles over
 * ArticleMeta arrays; tag helpers normaliseTag, tagKey, renameTag, countTags.
 * May import only @/utils/model and minisearch: no dexie, preact, browser APIs or other rooms.
 */
export { countTags, type TagCount } from './count-tags';
export {
  type ArticleFilter,
  countShelves,
  type Filterable,
  filterArticles,
  type ReadStatus,
  siteKey,
  siteOf,
} from './filter-articles';
export {
  fingerprintLibrary,
  INDEX_FORMAT,
  type LibraryFingerprint,
  sameFingerprint,
} from './library-fingerprint';
export { LibraryIndex, type LibraryMatches, type LibrarySearch } from './library-index';
export { normaliseTag, tagKey } from './normalise-tag';
export { type QuickSearchable, quickSearch, quickSnippet } from './quick-search';
export { renameTag } from './rename-tag';
export type { LibraryIndexOptions, SerialisedLibraryIndex } from './saved-index';
export { INDEXED_TEXT_LIMIT, type SearchableArticle } from './search-document';
export { bestSnippet, makeSnippet, type SnippetPart } from './snippet';
export { type ArticleSort, type Sortable, type SortField, sortArticles } from './sort-articles';

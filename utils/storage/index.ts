/**
 * utils/storage: the Readmark database (Dexie) and the functions that read and write it.
 * Every function takes the db as its first parameter. Only the background and extension pages
 * use this room: a content script's IndexedDB belongs to the page's origin.
 * Public surface: openDb, article repository functions, backup reads and import writes,
 * article pictures (stored blobs, deduplicated by hash), storage error descriptions.
 * Must not import: preact, browser APIs, messaging, extraction, annotation, export.
 */
export * from './articles';
export {
  type CapturedTable,
  type CapturedWrite,
  type CaptureStores,
  type ChangeCapture,
  type SyncedWrites,
  type SyncStoreName,
  setChangeCapture,
  writeSyncedRecords,
} from './change-capture';
export {
  type OpenDbOptions,
  openDb,
  type ReadmarkDb,
  type SettingRecord,
  type SyncEntityRecord,
  type SyncMetaRecord,
  type SyncOutboxRecord,
} from './db';
export { DB_NAME } from './db-version';
export * from './export-library';
export {
  FIRST_SCREEN_MAX,
  FIRST_SCREEN_MIN,
  type FirstScreen,
  patchFirstScreen,
  readFirstScreen,
  shownSummary,
} from './first-screen';
export * from './highlights';
export * from './images';
export * from './import-backup';
export * from './integrity';
export * from './library-actions';
export { type LibraryStart, readLibraryStart } from './library-start';
export { observe } from './observe';
export {
  listReviewCards,
  listReviewLog,
  type ReviewSource,
  readReviewSource,
  saveReviewAnswer,
} from './review';
export {
  type IndexSource,
  listHighlightStamps,
  loadSearchIndex,
  readIndexSources,
  SEARCH_INDEX_KEY,
  saveSearchIndex,
} from './search-index-store';
export { getSetting, setSetting, updateSetting } from './settings';
export { isQuotaError, storageError } from './storage-error';
export { listFirstRows, listNewestSummaries, listSummaries } from './summaries';
export {
  applySummaryChanges,
  parseSnapshot,
  readSummaryChanges,
  readSummarySnapshot,
  refreshSummarySnapshot,
  type SummaryChanges,
  type SummaryList,
  saveSummarySnapshot,
  summarySnapshotBehind,
} from './summary-snapshot';

/**
 * utils/services: orchestration. Each service runs one flow across the rooms below it (storage,
 * extraction, annotation, export, import, messaging, search) and the browser's APIs: saving a
 * page, a highlight from the page, a note's editing session, downloading imported articles,
 * exporting files. Services render nothing: components call them and show what they answer;
 * entrypoints wire them to the browser. No utils room imports this one.
 * Must not import: preact, components, entrypoints.
 * The library's search worker (startSearchWorker) and SearchIndexSync, which keeps the persisted
 * full-text index in step with the database, live here too.
 */

export { AUTO_REPAINT_ORIGINS } from './auto-repaint';
export {
  type BackupPreview,
  type BackupStep,
  backupFileName,
  type ImportReport,
  importBackup,
  makeBackup,
  previewBackup,
  type StepOptions,
} from './backup';
export { checkBackupSettings } from './backup-settings';
export {
  articleImageUrls,
  type CaptureResult,
  canFetchFromExtension,
  captureImages,
  fetchImage,
  originPattern,
} from './capture-images';
export { localiseColorNames, readColorNames } from './color-names';
export { setUpAutoRepaint } from './content-script-registration';
export { type BatchLimits, type DownloadDeps, downloadBatch, requeueFailed } from './download-queue';
export { DOWNLOAD_ALARM, setUpImportedDownloads } from './download-scheduler';
export {
  articleFile,
  type ExportedFile,
  type ExportFormat,
  exportArticleFile,
  exportArticlesZip,
} from './export-articles';
export {
  createExtractor,
  EXTRACTION_TIMEOUT_MS,
  EXTRACTIONS_PER_WORKER,
  type ExtractTiming,
  type ExtractWorker,
  type ExtractWorkerAnswer,
  extractForPreview,
  extractInWorker,
  type PreviewExtraction,
  previewOf,
  retryingOnce,
  warmUpExtraction,
} from './extract-in-worker';
export {
  chooseExtraction,
  choosePopupExtraction,
  extractPage,
  type OwnExtraction,
  ownWorkerExtraction,
  setUpOffscreenExtraction,
} from './extract-page';
export { createHeldExtractions, type HeldExtractions } from './held-extractions';
export { setUpHighlightCommands } from './highlight-commands';
export { forPage, highlightHandlers, mayTouch } from './highlight-service';
export {
  type ExtractHtml,
  type ImportPreview,
  previewImport,
  type RunImportOptions,
  runImport,
} from './import-flow';
export { awaitsDownload, originsOf, siteAccessPattern } from './imported-downloads';
export { type SearchClient, startSearchWorker } from './library-search-client';
export type { SearchRequest, Snippets, WorkerMessage } from './library-search-protocol';
export { setUpLibrarySnapshot, snapshotAfterImport } from './library-snapshot';
export { startLibraryRead, takeLibraryStart } from './library-start';
export { listenHandlers } from './listen-service';
export { locateImported } from './locate-imported';
export { type ArticleImageState, loadMissingImages, readArticleImageState } from './missing-images';
export { browserNoteWindows, type NoteWindows, noteHandlers } from './note-sessions';
export { offscreenHandlers } from './offscreen-handlers';
export {
  highlightPageSelection,
  loadPagePreview,
  type PagePreview,
  savePreviewedArticle,
} from './page-preview';
export { readTabFirst, readTabPage, type TabReading } from './read-tab-page';
export {
  answerReview,
  badgeText,
  highlightUrl,
  loadReviewQueue,
  loadReviewSettings,
  REVIEW_BADGE_ALARM,
  REVIEW_SETTINGS_KEY,
  refreshReviewBadge,
  saveReviewSettings,
  setArticleWeight,
  setUpReviewBadge,
  startReviewBadge,
} from './review';
export {
  type ArticleStamp,
  type HighlightStamp,
  type IndexState,
  SearchIndexSync,
} from './search-index-sync';
export { applyMerged, type Kept, libraryBodies, type Rejected, settleBodies } from './sync-apply';
export { installSyncCapture } from './sync-capture';
export { loadSyncConfig, type SyncConfig, saveSyncConfig } from './sync-config';
export { turnSyncOff } from './sync-disconnect';
export { forgetSyncDevice } from './sync-forget';
export { changeSyncPassphrase } from './sync-passphrase';
export { libraryPictures, settlePictures } from './sync-pictures';
export { captureChange, dexieStores, noteText } from './sync-records';
export {
  loadRunLog,
  logRun,
  RUN_LOG_KEY,
  RUN_LOG_SIZE,
  type RunLogEntry,
  RunTimer,
} from './sync-run-log';
export { KEEP_ALIVE_EVERY_MS, RUN_BUDGET_MS, RUN_CAP_MS } from './sync-run-window';
export {
  checkSyncAlarm,
  hasMoreToFetch,
  type RunOptions,
  requestSyncAccess,
  runSync,
  setUpSync,
  stopSync,
  syncHandlers,
  syncHostPattern,
} from './sync-service';
export { loadSyncStatus, type SyncStatus } from './sync-status';
export { DexieSyncStore } from './sync-store';
export { followSyncSwitch } from './sync-switch';
export { captureTab, pageScriptReady } from './tab-access';

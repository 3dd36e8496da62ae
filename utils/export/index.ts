/**
 * utils/export: turns records into files other tools accept, and backups back into records.
 * Strings and bytes only: the UI does downloads, file pickers and database writes.
 * Public surface: toMarkdown, toStandaloneHtml, toZip, toMarkdownZip, safeFileName,
 * createBackup, parseBackup, verifyBackup, planImport (format: BACKUP-FORMAT.md), and the
 * picture helpers (data: URLs for HTML, images/ paths for Markdown zips), and FILE_TYPES (their MIME types).
 * Must not import: dexie, preact, storage, messaging, components, browser extension APIs.
 */

export { imageDataUrl, imageFilePath, mapLinks, replaceImageSources } from './article-images';
export {
  articleContentSchema,
  articleMetaSchema,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  FIELD_LIMITS,
  firstIssue,
  highlightSchema,
} from './backup-schema';
export type { ProgressOptions } from './chunked';
export { type BackupInput, BackupWriter, type CreateBackupOptions, createBackup } from './create-backup';
export { FILE_TYPES } from './file-types';
export { type JsonPiece, JsonPieces, JsonSyntaxError } from './json-pieces';
export {
  type BackupArticle,
  type BackupRecord,
  type BackupSummary,
  MAX_RECORD_CHARS,
  type ParsedBackup,
  parseBackup,
  type ReadBackupOptions,
  type Rejection,
  readBackup,
} from './parse-backup';
export {
  type ArticleWrites,
  type ImportPlan,
  ImportPlanner,
  type ImportPolicy,
  type PlanImportOptions,
  planImport,
} from './plan-import';
export { safeFileName } from './safe-file-name';
export { type MarkdownOptions, toMarkdown } from './to-markdown';
export { type MarkdownZipOptions, toMarkdownZip } from './to-markdown-zip';
export { type StandaloneHtmlOptions, toStandaloneHtml } from './to-standalone-html';
export { toZip, type ZipEntry } from './to-zip';
export { type BackupCounts, verifyBackup } from './verify-backup';

/**
 * utils/import: reads other tools' export files (Pocket, Omnivore, Hypothesis, Obsidian Web
 * Clipper, wallabag, Instapaper, Readwise, Netscape bookmarks) into one model with the counts of
 * ../shared/docs/import-formats.md. Pure: bytes in, values out; HTML is parsed through an injected
 * parser so the same code runs in Node (CLI, tests) and in an extension page.
 * Public surface: parseImportFile, mergeSameArticles (one article per normalised URL), the model types, htmlToText.
 * Must not import: dexie, preact, browser APIs, storage, messaging, extraction, annotation.
 */

export { mergeSameArticles } from './collect';
export { HostThrottle, interleaveByHost, realClock, type ThrottleClock } from './host-throttle';
export { htmlToText } from './html-text';
export { parseImportFile } from './parse-import';
export {
  type ExistingArticle,
  filledIn,
  type LibraryImportPlan,
  type LocateHighlight,
  type PlanLibraryImportOptions,
  planLibraryImport,
  replaced,
} from './plan-library-import';
export type {
  HtmlParser,
  ImportedHighlight,
  ImportedItem,
  ImportFormat,
  ParsedImport,
  SkippedDocument,
} from './types';

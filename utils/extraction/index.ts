/**
 * utils/extraction: turns a page into a clean article. Pure over a Document: the same code runs
 * in a Worker, an extension page and Node.
 * Public surface: extractArticle (pipeline over a Document), extractFromHtml (parse + pipeline),
 * createSanitiser (DOMPurify with Readmark's URL policy).
 * Must not import: browser APIs, dexie, preact, storage, messaging, export.
 */
export { type ExtractOptions, extractArticle } from './extract-article';
export { extractFromHtml } from './extract-from-html';
export { createSanitiser, type Sanitiser } from './sanitise';

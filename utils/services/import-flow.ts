/**
 * Importing another tool's export from Settings: read the file and compare it with the library
 * (previewImport), then write it (runImport), extracting articles that came with their HTML.
 */
import type { Sanitiser } from '@/utils/extraction';
import {
  type ExistingArticle,
  type HtmlParser,
  type LibraryImportPlan,
  mergeSameArticles,
  type ParsedImport,
  parseImportFile,
  planLibraryImport,
} from '@/utils/import';
import { type ExtractedArticle, err, ok, type Result } from '@/utils/model';
import {
  applyImportPlan,
  getArticle,
  listHighlights,
  type ReadmarkDb,
  readCanonicalUrlIndex,
} from '@/utils/storage';
import type { StepOptions } from './backup';
import { snapshotAfterImport } from './library-snapshot';
import { locateImported } from './locate-imported';

/** Another tool's export, read and compared with the library; nothing written yet. */
export interface ImportPreview {
  parsed: ParsedImport;
  /** Articles of the file the library already has (their highlights are merged). */
  alreadyInLibrary: number;
  /** Articles that come with their content (extracted from it, no fetch). */
  withContent: number;
}

/** Reads a file of another tool and counts what the library already has. */
export async function previewImport(
  db: ReadmarkDb,
  bytes: Uint8Array,
  parseHtml: HtmlParser,
): Promise<Result<ImportPreview>> {
  const read = parseImportFile(bytes, parseHtml);
  if (!read.ok) return read;
  // The library keeps one article per normalised URL, so the preview counts what it will store.
  const parsed = mergeSameArticles(read.value);
  const index = await readCanonicalUrlIndex(db);
  const { items } = parsed;
  return ok({
    parsed,
    alreadyInLibrary: items.filter((item) => index.has(item.canonicalUrl)).length,
    withContent: items.filter((item) => item.html !== undefined).length,
  });
}

/** Extracts an article from HTML (in a Worker, sanitised): extractInWorker in the options page. */
export type ExtractHtml = (html: string, url: string, title: string) => Promise<Result<ExtractedArticle>>;

export interface RunImportOptions extends StepOptions {
  extract: ExtractHtml;
  sanitise: Sanitiser;
  now?: number;
}

/**
 * Imports a previewed file: extracts the articles that come with content, places each highlight
 * in its article's text (fuzzy anchoring; orphans kept), then writes everything in ONE
 * transaction with the backup import's writer (all or nothing, cancel included). An article whose
 * content cannot be extracted is kept as a URL still to download, never dropped.
 */
export async function runImport(
  db: ReadmarkDb,
  preview: ImportPreview,
  { extract, sanitise, onProgress, signal, now = Date.now() }: RunImportOptions,
): Promise<Result<LibraryImportPlan['counts']>> {
  const index = await readCanonicalUrlIndex(db);
  const existing = new Map<string, ExistingArticle>();
  const extracted = new Map<string, ExtractedArticle>();
  for (const item of preview.parsed.items) {
    const id = index.get(item.canonicalUrl);
    if (id === undefined) continue;
    const stored = await getArticle(db, id);
    if (stored)
      existing.set(item.canonicalUrl, {
        meta: stored.meta,
        textContent: stored.content.textContent,
        highlights: await listHighlights(db, id),
      });
  }
  // Content is extracted for new articles, and for ones imported earlier as a URL only.
  const toExtract = preview.parsed.items.filter((item) => {
    const current = existing.get(item.canonicalUrl);
    return item.html && (!current || current.meta.notDownloaded === 1);
  });
  let done = 0;
  for (const item of toExtract) {
    if (signal?.aborted) return err('cancelled');
    const article = await extract(item.html!, item.url, item.title);
    if (article.ok) extracted.set(item.canonicalUrl, article.value);
    onProgress?.('extracting', ++done, toExtract.length);
  }
  const plan = planLibraryImport(preview.parsed, { existing, extracted, locate: locateImported, now });
  const applied = await applyImportPlan(db, plan, {
    sanitise,
    signal,
    onProgress: onProgress && ((count, total) => onProgress('importing', count, total)),
  });
  if (!applied.ok) return applied;
  await snapshotAfterImport(db);
  return ok(plan.counts);
}

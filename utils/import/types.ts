import type { AppError, HighlightColor } from '@/utils/model';

/** The tools Readmark imports from ("pocket" covers both the 2025 zip and the legacy HTML). */
export type ImportFormat =
  | 'pocket'
  | 'omnivore'
  | 'hypothesis'
  | 'obsidian'
  | 'wallabag'
  | 'instapaper'
  | 'readwise'
  | 'netscape';

/** One highlight as the tool exported it; `quote` is plain text (HTML and Markdown markers removed). */
export interface ImportedHighlight {
  quote: string;
  /** The reader's note on it, '' when none. */
  note: string;
  /** Context either side of the quote, where the format has it (Hypothesis). */
  prefix?: string;
  suffix?: string;
  /** Character offsets in the source document's text, where the format has them (Hypothesis). */
  position?: { start: number; end: number };
  /** Epoch ms, or null when the file does not say. */
  createdAt: number | null;
  color?: HighlightColor;
  /** The highlight's own tags (Hypothesis, Omnivore labels); counted, and carried to the article. */
  tags: string[];
}

/** One article of the file: duplicates (same normalised URL) already merged. */
export interface ImportedItem {
  /** The URL as the file gives it (http or https; the first one where duplicates were merged). */
  url: string;
  /** The dedupe key: normaliseUrl(url), the library's canonical URL for it. */
  canonicalUrl: string;
  title: string;
  tags: string[];
  /** Epoch ms, or null when the file does not say. */
  savedAt: number | null;
  archived: boolean;
  favourite: boolean;
  /** The tool's readable copy (Omnivore, wallabag): untrusted HTML, to extract and sanitise. */
  html?: string;
  highlights: ImportedHighlight[];
  /** Notes on the whole page rather than a passage (Hypothesis page notes, Omnivore standalone notes). */
  pageNotes: string[];
}

/** A document of the file that is not imported, and why. */
export interface SkippedDocument {
  /** Why, as a code the interface words ('skip-…'). */
  reason: AppError;
  /** The URL as written, when there was one. */
  url?: string;
  title?: string;
  /** Highlights of the document that stay out with it. */
  highlights: number;
}

/** A file read into Readmark's terms, with the counts of import-formats.md. */
export interface ParsedImport {
  format: ImportFormat;
  articles: number;
  highlights: number;
  notes: number;
  tags: number;
  skipped: SkippedDocument[];
  items: ImportedItem[];
}

/** Parses HTML into a Document: DOMParser in the browser, linkedom or jsdom in Node. */
export type HtmlParser = (html: string) => Document;

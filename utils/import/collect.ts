import { type AppError, normaliseUrl } from '@/utils/model';
import type { ImportedHighlight, ImportedItem, ImportFormat, ParsedImport, SkippedDocument } from './types';

/** One document as a format parser reads it, before URLs are checked and duplicates merged. */
export interface RawDocument {
  url: string | null | undefined;
  title?: string | null;
  tags?: readonly string[];
  savedAt?: number | null;
  archived?: boolean;
  favourite?: boolean;
  html?: string | null;
  highlights?: readonly ImportedHighlight[];
  pageNotes?: readonly string[];
}

/**
 * Gathers a file's documents into items: only http(s) URLs are kept (the rest are skipped with a
 * reason), and documents with the identical URL string are merged (tags unioned, highlights
 * concatenated, archived/favourite if either says so, the earliest saved date), as the counting
 * conventions in docs/import-formats.md ask. The library then merges items that are one article
 * once normalised (tracking parameters, trailing slash): see mergeSameArticles.
 */
export class ImportCollector {
  private readonly byUrl = new Map<string, ImportedItem>();
  private readonly skipped: SkippedDocument[] = [];

  constructor(private readonly format: ImportFormat) {}

  add(doc: RawDocument): void {
    const url = (doc.url ?? '').trim();
    const highlights = doc.highlights ?? [];
    const key = normaliseUrl(url);
    if (!key) {
      this.skip(unusableUrlReason(url), {
        url,
        title: doc.title ?? undefined,
        highlights: highlights.length,
      });
      return;
    }
    const item: ImportedItem = {
      url,
      canonicalUrl: key,
      title: doc.title?.trim() || url,
      tags: cleanTags(doc.tags ?? []),
      savedAt: doc.savedAt ?? null,
      archived: doc.archived ?? false,
      favourite: doc.favourite ?? false,
      ...(doc.html ? { html: doc.html } : {}),
      highlights: [...highlights],
      pageNotes: (doc.pageNotes ?? []).filter((note) => note.trim() !== ''),
    };
    const existing = this.byUrl.get(url);
    if (existing) absorb(existing, item);
    else this.byUrl.set(url, item);
  }

  /** A document the format itself cannot place (e.g. Readwise, which exports no URL). */
  skip(reason: AppError, details: Omit<SkippedDocument, 'reason'>): void {
    this.skipped.push({ reason, ...details });
  }

  finish(): ParsedImport {
    return summarise(this.format, [...this.byUrl.values()], this.skipped);
  }
}

/**
 * The same file as the library will store it: items whose URLs normalise to one article (a
 * tracking parameter, a trailing slash) merged into one, by the same rules as identical URLs.
 */
export function mergeSameArticles(parsed: ParsedImport): ParsedImport {
  const byKey = new Map<string, ImportedItem>();
  for (const item of parsed.items) {
    const existing = byKey.get(item.canonicalUrl);
    if (existing) absorb(existing, item);
    else
      byKey.set(item.canonicalUrl, {
        ...item,
        tags: [...item.tags],
        highlights: [...item.highlights],
        pageNotes: [...item.pageNotes],
      });
  }
  return summarise(parsed.format, [...byKey.values()], parsed.skipped);
}

function absorb(existing: ImportedItem, item: ImportedItem): void {
  if (existing.title === existing.url && item.title !== item.url) existing.title = item.title;
  existing.tags = cleanTags([...existing.tags, ...item.tags]);
  existing.savedAt = earliest(existing.savedAt, item.savedAt);
  existing.archived ||= item.archived;
  existing.favourite ||= item.favourite;
  if (!existing.html && item.html) existing.html = item.html;
  existing.highlights.push(...item.highlights);
  existing.pageNotes.push(...item.pageNotes);
}

function summarise(format: ImportFormat, items: ImportedItem[], skipped: SkippedDocument[]): ParsedImport {
  const tags = new Set<string>();
  let highlights = 0;
  let notes = 0;
  for (const item of items) {
    for (const tag of item.tags) tags.add(tag);
    notes += item.pageNotes.length;
    for (const highlight of item.highlights) {
      highlights++;
      if (highlight.note.trim()) notes++;
      for (const tag of highlight.tags) tags.add(tag);
    }
  }
  return { format, articles: items.length, highlights, notes, tags: tags.size, skipped, items };
}

/** Trimmed, non-empty, each once (case-sensitive, like the tools themselves). */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function unusableUrlReason(url: string): AppError {
  if (!url) return { code: 'skip-no-url' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https')
    return { code: 'skip-not-web-address', data: { scheme: scheme.slice(0, 40) } };
  return { code: 'skip-invalid-address' };
}

import { normaliseUrl } from '@/utils/model';
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
 * reason), documents with the same normalised URL are merged (tags unioned, highlights
 * concatenated, archived/favourite if either says so, the earliest saved date).
 */
export class ImportCollector {
  private readonly byKey = new Map<string, ImportedItem>();
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
    const tags = cleanTags(doc.tags ?? []);
    const pageNotes = (doc.pageNotes ?? []).filter((note) => note.trim() !== '');
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, {
        url,
        canonicalUrl: key,
        title: doc.title?.trim() || url,
        tags,
        savedAt: doc.savedAt ?? null,
        archived: doc.archived ?? false,
        favourite: doc.favourite ?? false,
        ...(doc.html ? { html: doc.html } : {}),
        highlights: [...highlights],
        pageNotes,
      });
      return;
    }
    if (existing.title === existing.url && doc.title?.trim()) existing.title = doc.title.trim();
    existing.tags = cleanTags([...existing.tags, ...tags]);
    existing.savedAt = earliest(existing.savedAt, doc.savedAt ?? null);
    existing.archived ||= doc.archived ?? false;
    existing.favourite ||= doc.favourite ?? false;
    if (!existing.html && doc.html) existing.html = doc.html;
    existing.highlights.push(...highlights);
    existing.pageNotes.push(...pageNotes);
  }

  /** A document the format itself cannot place (e.g. Readwise, which exports no URL). */
  skip(reason: string, details: Omit<SkippedDocument, 'reason'>): void {
    this.skipped.push({ reason, ...details });
  }

  finish(): ParsedImport {
    const items = [...this.byKey.values()];
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
    return {
      format: this.format,
      articles: items.length,
      highlights,
      notes,
      tags: tags.size,
      skipped: this.skipped,
      items,
    };
  }
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

function unusableUrlReason(url: string): string {
  if (!url) return 'no URL';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') return `not a web address (${scheme}:)`;
  return 'not a valid web address';
}

import {
  type ArticleContent,
  type ArticleMeta,
  type ExtractedArticle,
  extractedFacts,
  type Highlight,
  NO_EXTRACTED_FACTS,
  type TextPositionSelector,
  type TextQuoteSelector,
} from '@/utils/model';
import type { ImportedHighlight, ImportedItem, ParsedImport } from './types';

/** An article of the library that the import touches: its entry, its text and its highlights. */
export interface ExistingArticle {
  meta: ArticleMeta;
  textContent: string;
  highlights: readonly Highlight[];
}

/** Places an imported highlight in an article's text (utils/annotation, injected); null: an orphan. */
export type LocateHighlight = (
  text: string,
  highlight: ImportedHighlight,
) => { quote: TextQuoteSelector; position: TextPositionSelector } | null;

export interface PlanLibraryImportOptions {
  /** Library articles whose canonical URL the file has (only those are needed). */
  existing: ReadonlyMap<string, ExistingArticle>;
  /** The article extracted from the item's own HTML (Omnivore, wallabag), by canonical URL. */
  extracted: ReadonlyMap<string, ExtractedArticle>;
  locate: LocateHighlight;
  now: number;
  newId?: () => string;
}

/** The writes of an import (the shape applyImportPlan takes) and what they amount to. */
export interface LibraryImportPlan {
  deleteArticleIds: string[];
  putArticles: ArticleMeta[];
  putContents: ArticleContent[];
  putHighlights: Highlight[];
  counts: {
    /** Articles new to the library: with content, and as URLs still to download. */
    added: number;
    toDownload: number;
    /** Articles the library had: their highlights merged in. */
    merged: number;
    highlights: number;
    /** Imported highlights the library already had on that article (same quote): not duplicated. */
    alreadyThere: number;
    /** Highlights kept without a place in the text (visible orphans with quote and note). */
    orphans: number;
  };
}

/**
 * Turns a parsed file into library writes. A new article gets its extracted content, or an empty
 * body marked `notDownloaded`; an article already saved keeps its body and state, gains the file's
 * tags (and archive/favourite if the file says so), and gets only the highlights it does not have.
 * Every imported highlight is kept: anchored in the text where `locate` finds it, else an orphan
 * with its quote and note. Page notes are orphan notes with an empty quote. Pure.
 */
export function planLibraryImport(
  parsed: ParsedImport,
  options: PlanLibraryImportOptions,
): LibraryImportPlan {
  const { existing, extracted, locate, now } = options;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const plan: LibraryImportPlan = {
    deleteArticleIds: [],
    putArticles: [],
    putContents: [],
    putHighlights: [],
    counts: { added: 0, toDownload: 0, merged: 0, highlights: 0, alreadyThere: 0, orphans: 0 },
  };
  for (const item of parsed.items) {
    const current = existing.get(item.canonicalUrl);
    let articleId: string;
    let text: string;
    const known = new Set<string>();
    if (current) {
      articleId = current.meta.id;
      // An article imported earlier as a URL only gets the content this file brings.
      const article = current.meta.notDownloaded === 1 ? extracted.get(item.canonicalUrl) : undefined;
      text = article ? article.textContent : current.textContent;
      for (const highlight of current.highlights)
        known.add(highlightKey(highlight.quote.exact, highlight.note));
      const merged = mergedMeta(current.meta, item, now);
      plan.putArticles.push(article ? filledIn(merged, article, now) : merged);
      if (article) {
        plan.putContents.push(contentOf(articleId, article));
        for (const highlight of current.highlights)
          plan.putHighlights.push(replaced(highlight, text, locate, now));
      }
      plan.counts.merged++;
    } else {
      articleId = newId();
      const article = extracted.get(item.canonicalUrl);
      text = article?.textContent ?? '';
      plan.putArticles.push(newMeta(articleId, item, article, now));
      plan.putContents.push(
        article
          ? contentOf(articleId, article)
          : { articleId, contentHtml: '', textContent: '', removed: [] },
      );
      plan.counts.added++;
      if (!article) plan.counts.toDownload++;
    }
    const imported = [
      ...item.highlights,
      ...item.pageNotes.map((note): ImportedHighlight => ({ quote: '', note, createdAt: null, tags: [] })),
    ];
    for (const highlight of imported) {
      const key = highlightKey(highlight.quote, highlight.note);
      if (known.has(key)) {
        plan.counts.alreadyThere++;
        continue;
      }
      known.add(key);
      const placed = text && highlight.quote ? locate(text, highlight) : null;
      if (!placed) plan.counts.orphans++;
      plan.putHighlights.push({
        id: newId(),
        articleId,
        color: highlight.color ?? 'yellow',
        note: highlight.note,
        ...(placed ?? unplaced(highlight)),
        createdAt: highlight.createdAt ?? now,
        updatedAt: now,
      });
      plan.counts.highlights++;
    }
  }
  return plan;
}

/** Same quote (whitespace aside) and same note: the same highlight, imported again. */
function highlightKey(quote: string, note: string): string {
  return JSON.stringify([quote.replace(/\s+/g, ' ').trim(), note.trim()]);
}

/** An orphan's selectors: the quote and context as the file gives them, so it can be placed later. */
function unplaced(highlight: ImportedHighlight): {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
} {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: highlight.quote,
      prefix: highlight.prefix ?? '',
      suffix: highlight.suffix ?? '',
    },
    position: { type: 'TextPositionSelector', start: 0, end: 0 },
  };
}

function newMeta(
  id: string,
  item: ImportedItem,
  article: ExtractedArticle | undefined,
  now: number,
): ArticleMeta {
  const savedAt = item.savedAt ?? now;
  return {
    id,
    url: item.url,
    canonicalUrl: item.canonicalUrl,
    // The tool's title is the reader's: extraction may only find the site's.
    title: item.title || article?.title || item.url,
    ...(article ? extractedFacts(article) : NO_EXTRACTED_FACTS),
    tags: item.tags,
    favourite: item.favourite ? 1 : 0,
    archived: item.archived ? 1 : 0,
    savedAt,
    updatedAt: Math.max(savedAt, now),
    readAt: null,
    progress: 0,
    ...(article ? {} : { notDownloaded: 1 as const }),
  };
}

function mergedMeta(meta: ArticleMeta, item: ImportedItem, now: number): ArticleMeta {
  return {
    ...meta,
    tags: [...new Set([...meta.tags, ...item.tags])],
    favourite: meta.favourite || item.favourite ? 1 : 0,
    archived: meta.archived || item.archived ? 1 : 0,
    updatedAt: now,
  };
}

function contentOf(articleId: string, article: ExtractedArticle): ArticleContent {
  return {
    articleId,
    contentHtml: article.contentHtml,
    textContent: article.textContent,
    removed: article.removed,
  };
}

/**
 * A not-downloaded entry once its page is there: filled in from the extraction, the marks of a
 * pending download gone; the reader's title (unless it was only the URL), tags, state and dates stay.
 */
export function filledIn(meta: ArticleMeta, article: ExtractedArticle, now: number): ArticleMeta {
  const { notDownloaded: _pending, downloadError: _error, ...rest } = meta;
  return {
    ...rest,
    title: meta.title && meta.title !== meta.url ? meta.title : article.title || meta.title,
    ...extractedFacts(article),
    updatedAt: now,
  };
}

/** A stored highlight placed again in an article's new text, or left as it was (an orphan) if not found. */
export function replaced(
  highlight: Highlight,
  text: string,
  locate: LocateHighlight,
  now: number,
): Highlight {
  const { exact, prefix, suffix } = highlight.quote;
  if (!exact) return highlight;
  const placed = locate(text, {
    quote: exact,
    prefix,
    suffix,
    note: highlight.note,
    createdAt: null,
    tags: [],
  });
  return placed ? { ...highlight, ...placed, updatedAt: now } : highlight;
}

import type { ArticleMeta, Highlight } from '@/utils/model';

/** Everything the index reads about one article: its meta, its body text and its highlights. */
export interface SearchableArticle {
  meta: ArticleMeta;
  /** ArticleContent.textContent; only its first INDEXED_TEXT_LIMIT characters are indexed. */
  text: string;
  highlights: readonly Highlight[];
}

/** The flat record MiniSearch indexes. Nothing but `id` is stored (see LibraryIndex). */
export interface SearchDocument {
  id: string;
  title: string;
  byline: string;
  siteName: string;
  text: string;
  quotes: string;
  notes: string;
  tags: string;
}

export type SearchField = Exclude<keyof SearchDocument, 'id'>;

/**
 * Field boosts: a word in the title says most about what an article is; tags and notes are the
 * reader's own words; quotes are passages the reader chose; the body says least per word.
 */
export const FIELD_BOOSTS: Readonly<Record<SearchField, number>> = {
  title: 5,
  tags: 3,
  notes: 2.5,
  quotes: 2,
  byline: 2,
  siteName: 1.5,
  text: 1,
};

export const SEARCH_FIELDS = Object.keys(FIELD_BOOSTS) as SearchField[];

/**
 * How much body text is indexed per article. Postings grow with every distinct word of every
 * body, and with them build time, index size, load time and memory, while the words that tell an
 * article apart (its subject, names, places) come in its title and opening. 6,000 characters
 * (~1,000 words) hold a typical article whole and the opening of a long one; passages the reader
 * highlighted further down stay findable through the quotes and notes fields. At 10,000 articles
 * of 300–5,000 words this takes the index to 0.4× the size, memory and build time of whole
 * bodies (tests/bench/search.ts).
 */
export const INDEXED_TEXT_LIMIT = 6_000;

/** Cuts at the last space before the limit so no half word becomes a bogus term. */
function leadingText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(' ', limit);
  return text.slice(0, cut > limit * 0.9 ? cut : limit);
}

/** Flattens an article into the document the index stores. */
export function toSearchDocument(article: SearchableArticle, textLimit = INDEXED_TEXT_LIMIT): SearchDocument {
  const { meta, highlights } = article;
  return {
    id: meta.id,
    title: meta.title,
    byline: meta.byline ?? '',
    siteName: meta.siteName ?? '',
    text: leadingText(article.text, textLimit),
    quotes: highlights.map((h) => h.quote.exact).join('\n'),
    notes: highlights.map((h) => h.note).join('\n'),
    tags: meta.tags.join('\n'),
  };
}

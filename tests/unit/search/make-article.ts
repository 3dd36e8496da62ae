import type { ArticleMeta, Highlight } from '@/utils/model';
import type { SearchableArticle } from '@/utils/search';

/** An ArticleMeta with plain defaults; tests state only what they are about. */
export function makeMeta(id: string, overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    id,
    url: `https://example.org/${id}`,
    canonicalUrl: `https://example.org/${id}`,
    title: `Article ${id}`,
    byline: null,
    siteName: null,
    publishedTime: null,
    lang: 'en',
    dir: 'ltr',
    leadImage: null,
    excerpt: '',
    wordCount: 100,
    readingTimeMinutes: 1,
    tags: [],
    favourite: 0,
    archived: 0,
    savedAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    readAt: null,
    progress: 0,
    ...overrides,
  };
}

export function makeHighlight(id: string, articleId: string, exact: string, note = ''): Highlight {
  return {
    id,
    articleId,
    color: 'yellow',
    note,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
  };
}

export function makeArticle(
  meta: ArticleMeta,
  text: string,
  highlights: readonly Highlight[] = [],
): SearchableArticle {
  return { meta, text, highlights };
}

import type { ExtractedArticle, Highlight } from '@/utils/model';

/** An extracted article as the pipeline would return it; override what a test cares about. */
export function makeExtracted(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    url: 'https://news.example/2026/harbour-bridge?utm_source=feed',
    title: 'Harbour town votes to rebuild its footbridge',
    byline: 'Imogen Vasquez',
    siteName: 'The Coastline Courier',
    publishedTime: '2026-10-14T08:30:00Z',
    lang: 'en',
    dir: 'ltr',
    leadImage: null,
    canonicalUrl: 'https://news.example/2026/harbour-bridge',
    excerpt: 'The council voted to replace the bridge.',
    wordCount: 420,
    readingTimeMinutes: 2,
    contentHtml: '<p>The council voted to replace the bridge.</p>',
    textContent: 'The council voted to replace the bridge.',
    opening: 'The council voted to replace the bridge.',
    removed: [],
    isProbablyArticle: true,
    pageType: 'article',
    ...overrides,
  };
}

/** A stored highlight on `articleId`; override what a test cares about. */
export function makeHighlight(articleId: string, overrides: Partial<Highlight> = {}): Highlight {
  return {
    id: crypto.randomUUID(),
    articleId,
    color: 'yellow',
    note: '',
    quote: { type: 'TextQuoteSelector', exact: 'voted', prefix: 'The council ', suffix: ' to replace' },
    position: { type: 'TextPositionSelector', start: 12, end: 17 },
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

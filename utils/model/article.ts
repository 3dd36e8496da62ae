/** A block that extraction removed from the page, kept so the reader can see or restore it. */
export interface RemovedBlock {
  /** Id of the removal rule that matched (see utils/extraction rules). */
  rule: string;
  /** Human label of the kind of block ("comment form", "newsletter box", "related links"). */
  label: string;
  /** A short text sample of the block, for the trace. */
  sample: string;
  /** The block's HTML (sanitised), so the reader can restore it before saving. */
  html: string;
}

/** The kinds of page extraction tells apart (the WCXB corpus's page types). */
export const PAGE_TYPES = [
  'article',
  'forum',
  'documentation',
  'product',
  'listing',
  'collection',
  'service',
] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** What the extraction pipeline produces for one page. */
export interface ExtractedArticle {
  url: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601, or null when the page does not say. */
  publishedTime: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  /** Absolute http(s) URL of the lead image, or null. */
  leadImage: string | null;
  canonicalUrl: string;
  excerpt: string;
  wordCount: number;
  readingTimeMinutes: number;
  /** Sanitised article HTML. Untrusted forever: sanitise again before rendering. */
  contentHtml: string;
  textContent: string;
  removed: RemovedBlock[];
  /** False when the page did not look like an article (the reader may still "Save anyway"). */
  isProbablyArticle: boolean;
  /** What kind of page the learned classifier takes it for; anything but "article" gets the notice. */
  pageType: PageType;
}

/** The library entry: everything the list, search and filters need, without the body. */
export interface ArticleMeta {
  id: string;
  url: string;
  /** Dedupe key: one article per canonical URL (see normaliseUrl). */
  canonicalUrl: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  leadImage: string | null;
  excerpt: string;
  wordCount: number;
  readingTimeMinutes: number;
  tags: string[];
  /** 0 or 1: IndexedDB cannot index booleans. */
  favourite: 0 | 1;
  archived: 0 | 1;
  /** Epoch ms when first saved; updatedAt on every change. */
  savedAt: number;
  updatedAt: number;
  /** Epoch ms when marked read, or null while unread. */
  readAt: number | null;
  /** Reading progress, 0..1. */
  progress: number;
}

/** The article body, stored apart from the metadata so the library list never loads it. */
export interface ArticleContent {
  articleId: string;
  contentHtml: string;
  textContent: string;
  removed: RemovedBlock[];
}

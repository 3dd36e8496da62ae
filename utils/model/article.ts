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
/** Characters of an article's opening a preview shows (ExtractedArticle.opening). */
export const OPENING_CHARS = 320;

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
  /**
   * The address the page declares for itself (canonical link, else og:url), else `url`,
   * normalised. Page data, not identity: articleKey decides which article the page is.
   */
  canonicalUrl: string;
  excerpt: string;
  wordCount: number;
  readingTimeMinutes: number;
  /** Sanitised article HTML. Untrusted forever: sanitise again before rendering. */
  contentHtml: string;
  textContent: string;
  /**
   * The article's first words as a preview shows them, pictures' captions and credits left out
   * (textContent keeps them, so a lead photo's caption would open it), at most OPENING_CHARS
   * characters and an ellipsis when cut. Shown, never stored.
   */
  opening: string;
  removed: RemovedBlock[];
  /** False when the page did not look like an article (the reader may still "Save anyway"). */
  isProbablyArticle: boolean;
  /** What kind of page the learned classifier takes it for; anything but "article" gets the notice. */
  pageType: PageType;
}

/** The library entry: everything the list, search and filters need, without the body. */
export interface ArticleMeta {
  id: string;
  /** The address the tab showed when the article was saved, as the browser reported it. */
  url: string;
  /**
   * Identity and dedupe key, unique: articleKey(url, declared canonical), so always on the
   * origin of `url` (an import copy adds a `#readmark-copy-<id>` fragment no page URL has).
   */
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
  /**
   * 1 while the article is only an imported URL whose page has not been fetched yet (its body is
   * empty); absent once it has content. Not indexed: no schema change.
   */
  notDownloaded?: 1;
  /** Why the last download of a not-downloaded article failed (listed in the library, retryable). */
  downloadError?: string;
}

/** The article body, stored apart from the metadata so the library list never loads it. */
export interface ArticleContent {
  articleId: string;
  contentHtml: string;
  textContent: string;
  removed: RemovedBlock[];
}

/** What extraction tells about an article beyond its identity, title and the reader's own state. */
export type ExtractedFacts = Pick<
  ArticleMeta,
  | 'byline'
  | 'siteName'
  | 'publishedTime'
  | 'lang'
  | 'dir'
  | 'leadImage'
  | 'excerpt'
  | 'wordCount'
  | 'readingTimeMinutes'
>;

/** What an entry says of the extracted facts it does not know (a URL-only import, a record synced without them). */
export const NO_EXTRACTED_FACTS: ExtractedFacts = {
  byline: null,
  siteName: null,
  publishedTime: null,
  lang: null,
  dir: null,
  leadImage: null,
  excerpt: '',
  wordCount: 0,
  readingTimeMinutes: 0,
};

/** The library-entry fields an extracted article fills in (saving, importing and downloading alike). */
export function extractedFacts(article: ExtractedArticle): ExtractedFacts {
  const { byline, siteName, publishedTime, lang, dir, leadImage, excerpt, wordCount, readingTimeMinutes } =
    article;
  return { byline, siteName, publishedTime, lang, dir, leadImage, excerpt, wordCount, readingTimeMinutes };
}

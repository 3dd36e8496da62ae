import type { ArticleMeta } from './article';

/**
 * What the library's list and its first search read of an article: its metadata without what
 * only the reader view needs (byline, picture, direction, word count), and a short head of its
 * text. Storage keeps one per article in step with every write (the `summaries` table), so the
 * library reads one small record per article, never a body.
 */
export type ArticleSummary = Pick<
  ArticleMeta,
  | 'id'
  | 'url'
  | 'canonicalUrl'
  | 'title'
  | 'siteName'
  | 'publishedTime'
  | 'lang'
  | 'readingTimeMinutes'
  | 'tags'
  | 'favourite'
  | 'archived'
  | 'savedAt'
  | 'updatedAt'
  | 'readAt'
  | 'progress'
  | 'notDownloaded'
  | 'downloadError'
> & {
  /** The start of the article's excerpt (its description, or its first paragraph), for search. */
  head: string;
};

/** Characters of the excerpt a summary keeps: enough for a first search and a snippet line. */
export const SUMMARY_HEAD_LENGTH = 240;

/** An article's summary (see ArticleSummary): a pure function of its metadata. */
export function summarise(meta: ArticleMeta): ArticleSummary {
  const summary: ArticleSummary = {
    id: meta.id,
    url: meta.url,
    canonicalUrl: meta.canonicalUrl,
    title: meta.title,
    siteName: meta.siteName,
    publishedTime: meta.publishedTime,
    lang: meta.lang,
    readingTimeMinutes: meta.readingTimeMinutes,
    tags: meta.tags,
    favourite: meta.favourite,
    archived: meta.archived,
    savedAt: meta.savedAt,
    updatedAt: meta.updatedAt,
    readAt: meta.readAt,
    progress: meta.progress,
    head: headOf(meta.excerpt ?? ''),
  };
  // Absent, not undefined: a summary reads back equal to what was written.
  if (meta.notDownloaded !== undefined) summary.notDownloaded = meta.notDownloaded;
  if (meta.downloadError !== undefined) summary.downloadError = meta.downloadError;
  return summary;
}

/** Cuts at the last space before the limit, so no half word ends the head. */
function headOf(text: string): string {
  if (text.length <= SUMMARY_HEAD_LENGTH) return text;
  const cut = text.lastIndexOf(' ', SUMMARY_HEAD_LENGTH);
  return text.slice(0, cut > SUMMARY_HEAD_LENGTH / 2 ? cut : SUMMARY_HEAD_LENGTH);
}

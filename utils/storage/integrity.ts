import type { ReadmarkDb } from './db';

/** What an integrity check found. A healthy library has every list empty. */
export interface IntegrityReport {
  articles: number;
  contents: number;
  highlights: number;
  /** Articles whose body is missing (a half-written save). */
  articlesWithoutContent: string[];
  /** Bodies whose article is missing. */
  contentsWithoutArticle: string[];
  /** Highlights whose article is missing: they could never be shown. */
  highlightsWithoutArticle: string[];
  /** Records that do not have the shape the app reads (ids of the records). */
  unreadable: string[];
}

const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Checks the library for records that no screen could show correctly. Reads everything once,
 * keys first, so it stays cheap at 10,000 articles; it never changes anything.
 */
export async function checkIntegrity(db: ReadmarkDb): Promise<IntegrityReport> {
  return db.transaction('r', db.articles, db.contents, db.highlights, async () => {
    const articleIds = new Set((await db.articles.toCollection().primaryKeys()) as string[]);
    const contentIds = new Set((await db.contents.toCollection().primaryKeys()) as string[]);
    const report: IntegrityReport = {
      articles: articleIds.size,
      contents: contentIds.size,
      highlights: 0,
      articlesWithoutContent: [...articleIds].filter((id) => !contentIds.has(id)),
      contentsWithoutArticle: [...contentIds].filter((id) => !articleIds.has(id)),
      highlightsWithoutArticle: [],
      unreadable: [],
    };
    await db.articles.each((a) => {
      if (
        !isString(a.title) ||
        !isString(a.canonicalUrl) ||
        !Array.isArray(a.tags) ||
        typeof a.savedAt !== 'number'
      ) {
        report.unreadable.push(a.id);
      }
    });
    await db.contents.each((c) => {
      if (!isString(c.contentHtml) || !isString(c.textContent) || !Array.isArray(c.removed)) {
        report.unreadable.push(c.articleId);
      }
    });
    await db.highlights.each((h) => {
      report.highlights++;
      if (!articleIds.has(h.articleId)) report.highlightsWithoutArticle.push(h.id);
      if (!isString(h.quote?.exact) || typeof h.position?.start !== 'number') report.unreadable.push(h.id);
    });
    return report;
  });
}

/** True when the report found nothing wrong. */
export function isHealthy(report: IntegrityReport): boolean {
  return (
    report.articlesWithoutContent.length === 0 &&
    report.contentsWithoutArticle.length === 0 &&
    report.highlightsWithoutArticle.length === 0 &&
    report.unreadable.length === 0
  );
}

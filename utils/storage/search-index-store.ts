import type { ArticleMeta, Highlight } from '@/utils/model';
import type { ReadmarkDb } from './db';

/**
 * The library's persisted full-text index lives in the settings table under this key, as JSON
 * text: at 10,000 articles it is ~26 MB, and one string is far cheaper for IndexedDB to clone
 * than the same data as millions of small objects.
 */
export const SEARCH_INDEX_KEY = 'library.searchIndex';

/** The saved index's JSON text, or null when none was saved (or something else sits there). */
export async function loadSearchIndex(db: ReadmarkDb): Promise<string | null> {
  const record = await db.settings.get(SEARCH_INDEX_KEY);
  return typeof record?.value === 'string' ? record.value : null;
}

export async function saveSearchIndex(db: ReadmarkDb, json: string): Promise<void> {
  await db.settings.put({ key: SEARCH_INDEX_KEY, value: json });
}

/** What the search index reads about an article (matches utils/search's SearchableArticle). */
export interface IndexSource {
  meta: ArticleMeta;
  text: string;
  highlights: Highlight[];
}

/**
 * The articles of `ids` with their body text and highlights, for indexing; ids no longer in the
 * library (or without a body) are left out.
 */
export async function readIndexSources(db: ReadmarkDb, ids: readonly string[]): Promise<IndexSource[]> {
  return db.transaction('r', db.articles, db.contents, db.highlights, async () => {
    const keys = [...ids];
    const [metas, contents, highlights] = await Promise.all([
      db.articles.bulkGet(keys),
      db.contents.bulkGet(keys),
      db.highlights.where('articleId').anyOf(keys).toArray(),
    ]);
    const sources: IndexSource[] = [];
    metas.forEach((meta, i) => {
      const text = contents[i]?.textContent;
      if (meta && text !== undefined) {
        sources.push({ meta, text, highlights: highlights.filter((h) => h.articleId === meta.id) });
      }
    });
    return sources;
  });
}

/** Every highlight's stamp (what the index fingerprint reads), without quotes or notes. */
export async function listHighlightStamps(
  db: ReadmarkDb,
): Promise<Pick<Highlight, 'id' | 'articleId' | 'updatedAt'>[]> {
  const all = await db.highlights.toArray();
  return all.map(({ id, articleId, updatedAt }) => ({ id, articleId, updatedAt }));
}

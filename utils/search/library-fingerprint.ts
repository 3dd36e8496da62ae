import type { ArticleMeta, Highlight } from '@/utils/model';

/**
 * Version of what the index holds and how: fields, boosts, term processing, stop words, text
 * limit. Bump it with any of those, so an index persisted by an older build is rebuilt.
 */
export const INDEX_FORMAT = 1;

/**
 * Identifies the library state an index was built from. `digest` is an order-independent sum of
 * one hash per article (its id and updatedAt, plus each of its highlights' id and updatedAt), so
 * any saved, edited or deleted article or highlight changes it, and the index can keep it current
 * through incremental updates without rescanning the library.
 */
export interface LibraryFingerprint {
  format: number;
  articles: number;
  digest: number;
}

type Stamped = Pick<ArticleMeta, 'id' | 'updatedAt'>;
type StampedHighlight = Pick<Highlight, 'id' | 'updatedAt'>;

/** 32-bit FNV-1a: fast, and well spread over short strings such as ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One article's share of the digest. */
export function articleStamp(meta: Stamped, highlights: readonly StampedHighlight[]): number {
  let stamp = fnv1a(`${meta.id}\u0000${meta.updatedAt}`);
  for (const h of highlights) stamp = (stamp + fnv1a(`${h.id}\u0000${h.updatedAt}`)) >>> 0;
  return stamp;
}

/** Sums article stamps into a fingerprint. */
export function fingerprintOf(stamps: Iterable<number>): LibraryFingerprint {
  let digest = 0;
  let articles = 0;
  for (const stamp of stamps) {
    digest = (digest + stamp) >>> 0;
    articles++;
  }
  return { format: INDEX_FORMAT, articles, digest };
}

/**
 * The fingerprint of the library as stored: compare it with LibraryIndex#fingerprint to know
 * whether a persisted index still covers it. Highlights of articles not in `metas` are ignored.
 */
export function fingerprintLibrary(
  metas: readonly Stamped[],
  highlights: readonly (StampedHighlight & Pick<Highlight, 'articleId'>)[],
): LibraryFingerprint {
  const byArticle = new Map<string, StampedHighlight[]>();
  for (const h of highlights) {
    const list = byArticle.get(h.articleId);
    if (list) list.push(h);
    else byArticle.set(h.articleId, [h]);
  }
  return fingerprintOf(metas.map((meta) => articleStamp(meta, byArticle.get(meta.id) ?? [])));
}

export function sameFingerprint(a: LibraryFingerprint, b: LibraryFingerprint): boolean {
  return a.format === b.format && a.articles === b.articles && a.digest === b.digest;
}

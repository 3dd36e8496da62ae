import type { Transaction } from 'dexie';
import { type ArticleMeta, boundCanonical } from '@/utils/model';

/**
 * Upgrade to schema version 2: every article's key is bound to the origin it was saved from.
 * Version 1 keyed an article by the canonical URL the page declared, so a page could claim
 * another site's saved article (issue #12). A record whose key is on another origin than its own
 * `url` is re-keyed to its `url` (normalised), the page it was really saved from; when that key
 * is already taken, or `url` is not a web address, it gets a `#readmark-copy-<id>` key (as an
 * import copy does), which no page URL can ever match. Its text, tags and highlights stay with it:
 * nothing is deleted. Records already bound (import copies included) are not touched.
 */
export async function bindArticlesToTheirOrigin(tx: Transaction): Promise<void> {
  const articles = tx.table<ArticleMeta, string>('articles');
  const taken = new Set((await articles.orderBy('canonicalUrl').keys()) as string[]);
  await articles.toCollection().modify((meta) => {
    const own = boundCanonical(meta.url, meta.canonicalUrl);
    if (own === meta.canonicalUrl) return;
    const key =
      own && !taken.has(own) ? own : `${own ?? meta.canonicalUrl.split('#')[0]}#readmark-copy-${meta.id}`;
    taken.add(key);
    meta.canonicalUrl = key;
  });
}

import type { ArticleMeta } from '@/utils/model';
import { normaliseTag } from './normalise-tag';

export interface TagCount {
  /** The spelling most articles use ("AI" over "ai"); the first seen on a tie. */
  tag: string;
  key: string;
  /** Articles carrying the tag. */
  count: number;
}

/** Every tag in use with its article count, most used first, then alphabetically. */
export function countTags(metas: readonly Pick<ArticleMeta, 'tags'>[], locale?: string): TagCount[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const meta of metas) {
    const seen = new Set<string>();
    for (const tag of meta.tags) {
      const spelling = normaliseTag(tag);
      const key = spelling?.toLowerCase();
      if (spelling === null || key === undefined || seen.has(key)) continue;
      seen.add(key);
      const forKey = spellings.get(key) ?? new Map<string, number>();
      forKey.set(spelling, (forKey.get(spelling) ?? 0) + 1);
      spellings.set(key, forKey);
    }
  }
  const collator = new Intl.Collator(locale);
  return [...spellings]
    .map(([key, forKey]) => {
      let tag = '';
      let best = 0;
      let count = 0;
      for (const [spelling, n] of forKey) {
        count += n;
        if (n > best) [tag, best] = [spelling, n];
      }
      return { tag, key, count };
    })
    .sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag));
}

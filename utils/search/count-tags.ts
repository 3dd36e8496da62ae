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
  // A library has a few hundred distinct tags on thousands of articles: each is normalised once.
  const normalised = new Map<string, { spelling: string; key: string } | null>();
  const normalise = (tag: string) => {
    let found = normalised.get(tag);
    if (found === undefined) {
      const spelling = normaliseTag(tag);
      found = spelling === null ? null : { spelling, key: spelling.toLowerCase() };
      normalised.set(tag, found);
    }
    return found;
  };
  const seen = new Set<string>();
  for (const meta of metas) {
    seen.clear();
    for (const tag of meta.tags) {
      const found = normalise(tag);
      if (found === null || seen.has(found.key)) continue;
      const { spelling, key } = found;
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

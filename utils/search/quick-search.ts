import type { ArticleMeta } from '@/utils/model';
import { siteOf } from './filter-articles';
import type { LibrarySearch } from './library-index';
import { processTerm } from './process-term';

const WORD = /[\p{L}\p{N}]+/gu;

/** An article's title, site and tags as folded words, each after a space: " word word". */
const haystacks = new WeakMap<ArticleMeta, string>();

function haystackOf(meta: ArticleMeta): string {
  let haystack = haystacks.get(meta);
  if (haystack === undefined) {
    haystack = '';
    for (const [word] of `${meta.title} ${siteOf(meta)} ${meta.tags.join(' ')}`.matchAll(WORD)) {
      const term = processTerm(word);
      if (term !== null) haystack += ` ${term}`;
    }
    haystacks.set(meta, haystack);
  }
  return haystack;
}

/**
 * Answers the search box from the article list alone, before the full-text index is ready:
 * articles whose title, site or tags have a word beginning with each query word (folded as the
 * index folds them: "cafe" finds "Café"). Scores rank whole-word matches above prefixes, so the
 * list can still sort by relevance. Null when the query has no searchable word, as
 * LibraryIndex#search. A few ms at 10,000 articles (the folded words are cached per article).
 */
export function quickSearch(metas: readonly ArticleMeta[], query: string): LibrarySearch | null {
  const terms = [...query.matchAll(WORD)].flatMap(([word]) => processTerm(word) ?? []);
  if (terms.length === 0) return null;
  const prefixes = terms.map((term) => ` ${term}`);
  const scores = new Map<string, number>();
  for (const meta of metas) {
    const haystack = haystackOf(meta);
    let score = 0;
    for (const prefix of prefixes) {
      const at = haystack.indexOf(prefix);
      if (at < 0) {
        score = 0;
        break;
      }
      const next = haystack[at + prefix.length];
      score += next === undefined || next === ' ' ? 2 : 1;
    }
    if (score > 0) scores.set(meta.id, score);
  }
  return { mode: 'all-terms', scores };
}

/**
 * The 50 queries tests/bench/search.ts times, drawn from the synthetic library so each one can
 * match: what a reader types while looking for an article they half remember.
 */
import { COMMON_WORDS, type Corpus, seededRandom } from './search-corpus';

export type QueryKind = 'prefix' | 'typo' | 'multi-word' | 'tag' | 'rare' | 'common';
export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

/** One edit a hurried typist makes: a dropped, doubled or swapped letter. */
function misspell(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const edits = [
    () => word.slice(0, i) + word.slice(i + 1),
    () => word.slice(0, i) + word[i] + word.slice(i),
    () => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2),
  ];
  return edits[Math.floor(random() * edits.length)]!();
}

export function benchQueries(corpus: Corpus): BenchQuery[] {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const titleWords = () =>
    pick(corpus.articles)
      .meta.title.toLowerCase()
      .split(' ')
      .filter((w) => w.length > 3);
  // COMMON_WORDS sit at ranks 5..20,000: the first 30 are in most articles, the last 30 in few.
  const common = COMMON_WORDS.slice(0, 30);
  const rare = [...COMMON_WORDS.slice(-30), ...corpus.vocabulary.slice(30_000, 30_030)];
  const long = COMMON_WORDS.filter((w) => w.length >= 6);

  const queries: BenchQuery[] = [];
  const add = (kind: QueryKind, count: number, make: () => string) => {
    for (let n = 0; n < count; n++) queries.push({ kind, text: make() });
  };
  add('prefix', 10, () => {
    const word = pick(titleWords().length ? titleWords() : long);
    return word.slice(0, 3 + Math.floor(random() * 3));
  });
  add('typo', 10, () => misspell(pick(long), random));
  add('multi-word', 10, () => {
    const words = titleWords();
    const count = 2 + Math.floor(random() * 2);
    return words.length >= count ? words.slice(0, count).join(' ') : `${pick(common)} ${pick(long)}`;
  });
  add('tag', 5, () => pick(corpus.tags));
  add('rare', 8, () => pick(rare));
  add('common', 7, () => pick(common));
  if (queries.some((q) => q.text.trim() === '')) throw new Error('empty bench query');
  return queries;
}

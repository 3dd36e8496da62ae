import type { ArticleSummary } from '@/utils/model';
import { siteOf } from './filter-articles';
import type { LibrarySearch } from './library-index';
import { processTerm } from './process-term';
import { makeSnippet, type SnippetPart } from './snippet';

const WORD = /[\p{L}\p{N}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;
/** Between the title part and the head part of a haystack: never inside a folded word. */
const HEAD_MARK = ' |';

/** What a quick search reads of an article: an ArticleSummary, or an ArticleMeta (no head). */
export type QuickSearchable = Pick<ArticleSummary, 'id' | 'title' | 'siteName' | 'canonicalUrl' | 'tags'> & {
  head?: string;
};

/**
 * Lower case, accents stripped, every run of non-word characters one space, with a space in
 * front: " word word". Folds as processTerm does, for a whole text at once (stop words stay: no
 * query term is one, so they never match).
 */
function fold(text: string): string {
  let folded = text.toLowerCase();
  if (NON_ASCII.test(folded)) folded = folded.normalize('NFD').replace(COMBINING_MARKS, '');
  return ` ${folded.replace(NOT_WORD, ' ')}`;
}

/** An article's folded title, site and tags, then HEAD_MARK and its folded head; cached per object. */
const haystacks = new WeakMap<QuickSearchable, string>();

function haystackOf(meta: QuickSearchable): string {
  let haystack = haystacks.get(meta);
  if (haystack === undefined) {
    haystack = `${fold(`${meta.title} ${siteOf(meta)} ${meta.tags.join(' ')}`)}${HEAD_MARK}${fold(meta.head ?? '')}`;
    haystacks.set(meta, haystack);
  }
  return haystack;
}

/**
 * A test that an article may hold every term, run before its haystack is built (folding 10,000
 * titles and heads is most of a first quick search): for an article whose text is all ASCII,
 * folding only lowers case and turns non-word characters into spaces, so a term it holds is in
 * its raw text, in any case. Articles with other characters (and terms with them) are always
 * folded and searched.
 */
function mayHold(terms: readonly string[]): (meta: QuickSearchable) => boolean {
  if (terms.some((term) => NON_ASCII.test(term))) return () => true;
  // processTerm's terms of ASCII words are letters and digits only: nothing to escape.
  const tests = terms.map((term) => new RegExp(term, 'i'));
  // The site is its name or a host of the canonical URL: both are looked at whole.
  const holds = (meta: QuickSearchable, text: (field: string) => boolean) =>
    text(meta.title) ||
    text(meta.head ?? '') ||
    text(meta.siteName ?? '') ||
    text(meta.canonicalUrl) ||
    meta.tags.some(text);
  const nonAscii = (field: string) => NON_ASCII.test(field);
  return (meta) => holds(meta, nonAscii) || tests.every((test) => holds(meta, (field) => test.test(field)));
}

/** The query's searchable words, folded as the index folds them. */
function queryTerms(query: string): string[] {
  return [...query.matchAll(WORD)].flatMap(([word]) => processTerm(word) ?? []);
}

/**
 * Answers the search box from the article summaries alone, before the full-text index is ready:
 * articles where each query word begins a word of the title, site, tags or the head of the text
 * (folded as the index folds them: "cafe" finds "Café"). Scores rank whole words above prefixes
 * and the title, site and tags above the head, so the list can still sort by relevance. Null when
 * the query has no searchable word, as LibraryIndex#search. A few ms at 10,000 articles (the
 * folded text is cached per summary object).
 */
export function quickSearch(metas: readonly QuickSearchable[], query: string): LibrarySearch | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  const prefixes = terms.map((term) => ` ${term}`);
  const scores = new Map<string, number>();
  const candidate = mayHold(terms);
  for (const meta of metas) {
    if (!haystacks.has(meta) && !candidate(meta)) continue;
    const haystack = haystackOf(meta);
    let score = 0;
    for (const prefix of prefixes) {
      const at = haystack.indexOf(prefix);
      if (at < 0) {
        score = 0;
        break;
      }
      const next = haystack[at + prefix.length];
      const whole = next === undefined || next === ' ';
      const inTitle = at < haystack.indexOf(HEAD_MARK);
      score += (whole ? 2 : 1) * (inTitle ? 2 : 1);
    }
    if (score > 0) scores.set(meta.id, score);
  }
  return { mode: 'all-terms', scores };
}

/**
 * The snippet a quick search shows for an article: its head with the words that a query word
 * begins marked, or null when no word of the head matches.
 */
export function quickSnippet(head: string, query: string): SnippetPart[] | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  const matched = new Set<string>();
  for (const [word] of head.matchAll(WORD)) {
    const term = processTerm(word);
    if (term !== null && terms.some((t) => term.startsWith(t))) matched.add(term);
  }
  return matched.size > 0 ? (makeSnippet(head, matched)?.parts ?? null) : null;
}

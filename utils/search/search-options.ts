import type { Options, Query, SearchOptions } from 'minisearch';
import { processTerm } from './process-term';
import { FIELD_BOOSTS, SEARCH_FIELDS, type SearchDocument } from './search-document';

/** Below this a prefix is mostly noise: "fr" begins half the dictionary. */
const MIN_PREFIX_LENGTH = 3;
/**
 * A 3-letter prefix ("con", "pro") begins thousands of body words, and scoring all their postings
 * costs tens of ms at 10,000 articles; so it is completed in the short fields (title, tags, notes,
 * names) and matched whole in the body. From 4 letters on it is completed everywhere.
 */
const MIN_BODY_PREFIX_LENGTH = 4;
const SHORT_FIELDS = SEARCH_FIELDS.filter((field) => field !== 'text');

/**
 * Typos allowed per term, as Elasticsearch's AUTO fuzziness: none under 4 letters (one edit
 * turns a short word into another word), 1 edit up to 5, 2 from 6 (so a swapped pair of letters,
 * two edits for Levenshtein, is forgiven in "lteter" and "netwokr").
 */
function fuzziness(term: string): number | false {
  if (term.length < 4) return false;
  return term.length < 6 ? 1 : 2;
}

/** How queries match by default: prefix as you type, typo-tolerant, fields boosted. */
export const SEARCH_OPTIONS: SearchOptions = {
  boost: FIELD_BOOSTS,
  prefix: (term) => term.length >= MIN_BODY_PREFIX_LENGTH,
  fuzzy: fuzziness,
};

/**
 * MiniSearch's options, shared by building and loading (a loaded index must be read with the
 * options it was written with). Stores no fields: every result carries its id, and the rest of
 * an article lives in the database, not in the index.
 */
export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  fields: SEARCH_FIELDS,
  storeFields: [],
  processTerm: (term, field) => processTerm(term, field),
  searchOptions: SEARCH_OPTIONS,
};

/** One query term; a short prefix is completed in the short fields only (see above). */
function termQuery(term: string): Query {
  if (term.length < MIN_PREFIX_LENGTH || term.length >= MIN_BODY_PREFIX_LENGTH) return term;
  return {
    combineWith: 'OR',
    queries: [
      { queries: [term], fields: ['text'], prefix: false },
      { queries: [term], fields: SHORT_FIELDS, prefix: true },
    ],
  };
}

/** The MiniSearch query for already processed terms (see processTerm). */
export function libraryQuery(terms: readonly string[], combineWith: 'AND' | 'OR'): Query {
  return { combineWith, queries: terms.map(termQuery) };
}

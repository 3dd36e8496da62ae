import type { Options, SearchOptions } from 'minisearch';
import { processTerm } from './process-term';
import { FIELD_BOOSTS, SEARCH_FIELDS, type SearchDocument } from './search-document';

/** Shorter prefixes match a large share of the vocabulary and add noise, not answers. */
const MIN_PREFIX_LENGTH = 3;
/** One typo in a 3-letter word turns it into another word: only longer terms are fuzzy. */
const MIN_FUZZY_LENGTH = 4;

/** How queries match: prefix as you type, one typo per 5 letters (at most 2), fields boosted. */
export const SEARCH_OPTIONS: SearchOptions = {
  boost: FIELD_BOOSTS,
  prefix: (term) => term.length >= MIN_PREFIX_LENGTH,
  fuzzy: (term) => (term.length >= MIN_FUZZY_LENGTH ? 0.2 : false),
  maxFuzzy: 2,
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

import { STOP_WORDS } from './stop-words';

/** Longer tokens in body text are URLs, hashes or base64 debris, never words a reader types. */
const MAX_TEXT_TERM_LENGTH = 32;
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Folds a token into an index term: lower-cased, accents stripped ("Café" → "cafe"), so a reader
 * finds what they remember without its diacritics. Returns null for a token not worth a posting:
 * a stop word in any field (queries drop them too, so they would never be looked up), and in the
 * body text single characters and over-long tokens. Used at index time (with the field name)
 * and for queries (without one).
 */
export function processTerm(token: string, field?: string): string | null {
  let term = token.toLowerCase();
  // Most tokens are ASCII: skip the comparatively slow Unicode normalisation for them.
  if (NON_ASCII.test(term)) term = term.normalize('NFD').replace(COMBINING_MARKS, '');
  if (term === '' || STOP_WORDS.has(term)) return null;
  if (field === 'text' && (term.length < 2 || term.length > MAX_TEXT_TERM_LENGTH)) return null;
  return term;
}

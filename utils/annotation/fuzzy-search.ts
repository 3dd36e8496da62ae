import search from 'approx-string-match';
import type { QuoteContext } from './match-score';

/** A place where a quote was found with `errors` edits (insertions, deletions, substitutions). */
export interface RawMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * Seeds are the pieces searched across the whole text. approx-string-match costs
 * O(n · ⌈errors/32⌉), so a long quote is not searched whole: a few 64-character pieces of it
 * (head, middle, tail) and the prefix and suffix each suggest where it may start, and only
 * windows around those guesses are searched for the whole quote.
 */
const SEED_LENGTH = 64;
const SEED_ERROR_RATIO = 0.25;
/** Guesses verified at most per quote. */
const MAX_GUESSES = 24;
/** How far from the expected position the local search looks, each way. */
export const LOCAL_RADIUS = 2048;

function seedErrors(length: number): number {
  return Math.floor(length * SEED_ERROR_RATIO);
}

/** Guesses of where the quote starts, from whole-text searches of its pieces and its context. */
export function globalGuesses(text: string, ctx: QuoteContext): number[] {
  const { exact, prefix, suffix } = ctx;
  const guesses: number[] = [];
  const pieceStarts =
    exact.length <= SEED_LENGTH
      ? [0]
      : [0, Math.floor((exact.length - SEED_LENGTH) / 2), exact.length - SEED_LENGTH];
  for (const offset of pieceStarts) {
    const piece = exact.slice(offset, offset + SEED_LENGTH);
    for (const m of search(text, piece, seedErrors(piece.length))) guesses.push(m.start - offset);
  }
  if (prefix.length >= 8) {
    for (const m of search(text, prefix, seedErrors(prefix.length))) guesses.push(m.end);
  }
  if (suffix.length >= 8) {
    for (const m of search(text, suffix, seedErrors(suffix.length))) guesses.push(m.start - exact.length);
  }
  const kept = dedupe(guesses, Math.max(8, exact.length >> 3));
  // A short quote can match almost anywhere: keep the guesses nearest where it is expected.
  if (ctx.hint !== null) kept.sort((a, b) => Math.abs(a - ctx.hint!) - Math.abs(b - ctx.hint!));
  return kept.slice(0, MAX_GUESSES);
}

/** Drops guesses within `tolerance` of one already kept (searches report runs of near ends). */
function dedupe(guesses: number[], tolerance: number): number[] {
  const sorted = [...guesses].sort((a, b) => a - b);
  const kept: number[] = [];
  for (const g of sorted) {
    if (kept.length === 0 || g - kept[kept.length - 1]! > tolerance) kept.push(g);
  }
  return kept;
}

/**
 * The best match of the whole quote in the window around `guess` (`radius` characters of slack
 * each way), or null when it needs more than `maxErrors` edits. Ties go to the nearest.
 */
export function matchNear(
  text: string,
  exact: string,
  guess: number,
  radius: number,
  maxErrors: number,
): RawMatch | null {
  const from = Math.max(0, guess - radius);
  const to = Math.min(text.length, guess + exact.length + radius);
  if (to <= from) return null;
  let best: RawMatch | null = null;
  for (const m of search(text.slice(from, to), exact, maxErrors)) {
    const start = from + m.start;
    if (
      !best ||
      m.errors < best.errors ||
      (m.errors === best.errors && Math.abs(start - guess) < Math.abs(best.start - guess))
    ) {
      best = { start, end: from + m.end, errors: m.errors };
    }
  }
  return best;
}

/**
 * The best match in each tile of the region `center ± radius`. approx-string-match only reports
 * the best matches of a search, so one search over the whole region would let an untouched copy
 * of a passage hide the edited original a little further on; tiles keep both in view.
 */
export function matchesAround(
  text: string,
  exact: string,
  center: number,
  radius: number,
  maxErrors: number,
): RawMatch[] {
  const tile = Math.max(256, exact.length);
  const matches: RawMatch[] = [];
  const from = Math.max(0, center - radius);
  const to = Math.min(text.length, center + radius);
  for (let at = from; at < to; at += tile) {
    const m = matchNear(text, exact, at + (tile >> 1), (tile >> 1) + maxErrors, maxErrors);
    if (m) matches.push(m);
  }
  return matches;
}

/** How far past a match an inserted block (an advert, a caption) may push its context. */
const CONTEXT_GAP = 160;

/**
 * Whether the stored prefix (`side` 'prefix') or suffix still stands within CONTEXT_GAP
 * characters of a match, with at most a quarter of its characters edited: a block inserted
 * next to a highlight pushes its context away without removing it.
 */
export function contextNearby(text: string, m: RawMatch, piece: string, side: 'prefix' | 'suffix'): boolean {
  if (piece.trim().length < 8) return false;
  const window =
    side === 'suffix'
      ? text.slice(m.end, m.end + CONTEXT_GAP + piece.length)
      : text.slice(Math.max(0, m.start - CONTEXT_GAP - piece.length), m.start);
  return search(window, piece, seedErrors(piece.length)).length > 0;
}

import {
  contextNearby,
  globalGuesses,
  LOCAL_RADIUS,
  matchesAround,
  matchNear,
  type RawMatch,
} from './fuzzy-search';
import { contextSimilarities, type QuoteContext, scoreMatch } from './match-score';

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

/** Where a quote was anchored in a text, how sure we are (0–1) and which step found it. */
export interface TextMatch {
  start: number;
  end: number;
  score: number;
  method: AnchorMethod;
  /** Edits between the stored quote and the text found (0 unless fuzzy). */
  errors: number;
}

/** Below this score a match is rejected: the highlight is an orphan rather than misplaced. */
export const DEFAULT_MIN_SCORE = 0.7;
/** At or above this score a step's answer is taken without trying the slower steps. */
const CONFIDENT = 0.9;
/** Similarity from which one side of the context is taken to confirm a quote found at its position. */
const SIDE_AGREES = 0.8;
/** A fuzzy match may differ from the quote in at most this share of its characters. */
const MAX_ERROR_RATIO = 0.5;
/** Exact occurrences scored in full at most (the ones with the best-matching edges win a place). */
const MAX_SCORED_OCCURRENCES = 64;
/** A quote at least this long that occurs exactly once is its own evidence, whatever surrounds it. */
const SELF_EVIDENT_LENGTH = 24;
/** Quote similarity from which a fuzzy match needs no more than one side of context. */
const CLOSE_QUOTE = 0.85;
/** Similarity from which a side of the context counts as supporting a fuzzy match. */
const SIDE_SUPPORTS = 0.5;

/** Scores a raw match and labels the step that found it. */
function finish(text: string, m: RawMatch, ctx: QuoteContext): TextMatch {
  const method = m.errors > 0 ? 'fuzzy' : m.start === ctx.hint ? 'position' : 'exact';
  const score = scoreMatch(text, m.start, m.end, m.errors, ctx);
  return { start: m.start, end: m.end, score, method, errors: m.errors };
}

function better(a: TextMatch | null, b: TextMatch | null): TextMatch | null {
  if (!a) return b;
  if (!b) return a;
  return b.score > a.score ? b : a;
}

/** How many characters next to `start`/`end` agree with the stored context: a cheap pre-rank. */
function edgeAgreement(text: string, start: number, end: number, ctx: QuoteContext): number {
  let n = 0;
  const { prefix, suffix } = ctx;
  while (n < prefix.length && text[start - 1 - n] === prefix[prefix.length - 1 - n]) n++;
  let m = 0;
  while (m < suffix.length && text[end + m] === suffix[m]) m++;
  return n + m;
}

/** The best-scoring exact occurrence of the quote. */
function bestExact(text: string, ctx: QuoteContext): TextMatch | null {
  const { exact } = ctx;
  let starts: number[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) starts.push(i);
  if (starts.length > MAX_SCORED_OCCURRENCES) {
    const rank = (s: number) =>
      edgeAgreement(text, s, s + exact.length, ctx) - (ctx.hint === null ? 0 : Math.abs(s - ctx.hint) / 1e6);
    starts = starts
      .map((s) => ({ s, r: rank(s) }))
      .sort((a, b) => b.r - a.r)
      .slice(0, MAX_SCORED_OCCURRENCES)
      .map((x) => x.s);
  }
  let best: TextMatch | null = null;
  for (const s of starts)
    best = better(best, finish(text, { start: s, end: s + exact.length, errors: 0 }, ctx));
  return best;
}

/**
 * Whether a match may stand. Besides the minimum score: a fuzzy match of a loosely similar
 * quote needs the stored context on both sides (an empty side, at the article's edge, neither
 * helps nor hurts; a side pushed away by an inserted block still counts), since where a passage
 * was deleted the text on one side often survives next to something merely similar; and a long
 * quote found exactly, once, stands even where both sides were edited.
 */
function acceptable(text: string, m: TextMatch, ctx: QuoteContext, minScore: number): boolean {
  const { exact, prefix, suffix } = ctx;
  if (m.method !== 'fuzzy') {
    if (m.score >= minScore) return true;
    return exact.length >= SELF_EVIDENT_LENGTH && text.indexOf(exact) === text.lastIndexOf(exact);
  }
  if (m.score < minScore) return false;
  if (1 - m.errors / exact.length >= CLOSE_QUOTE) return true;
  // Each side that was stored must agree (next to the match, or past a block inserted there),
  // and at least one must have been stored.
  const [p, s] = contextSimilarities(text, m.start, m.end, ctx);
  const prefixAgrees = p >= SIDE_SUPPORTS || contextNearby(text, m, prefix, 'prefix');
  const suffixAgrees = s >= SIDE_SUPPORTS || contextNearby(text, m, suffix, 'suffix');
  return (prefix.length > 0 || suffix.length > 0) && prefixAgrees && suffixAgrees;
}

/** The best-scoring of some raw matches (nulls are skipped). */
function bestOf(text: string, ctx: QuoteContext, matches: readonly (RawMatch | null)[]): TextMatch | null {
  let best: TextMatch | null = null;
  for (const m of matches) if (m) best = better(best, finish(text, m, ctx));
  return best;
}

/**
 * The quote's exact occurrence that scores best: the one at the expected position when it is there
 * in its context, else the best of all occurrences (context and position break ties between
 * repeats). Null when the quote does not occur; the score is not checked against a minimum.
 */
export function matchExact(text: string, ctx: QuoteContext): TextMatch | null {
  if (ctx.exact.length === 0) return null;
  const { hint, exact } = ctx;
  // Position first: the quote is where it was, and the text on at least one side still agrees
  // (an edit or an inserted advert next to a highlight spoils the other side).
  if (hint !== null && text.startsWith(exact, hint)) {
    const end = hint + exact.length;
    if (Math.max(...contextSimilarities(text, hint, end, ctx)) >= SIDE_AGREES) {
      return finish(text, { start: hint, end, errors: 0 }, ctx);
    }
  }
  return bestExact(text, ctx);
}

/**
 * Finds a quote in a text: exactly (see matchExact), else the best approximate match near the
 * expected position, else anywhere. Returns null when nothing scores `minScore` or more.
 * `ctx` must be whitespace-normalised like the text.
 */
export function matchQuote(text: string, ctx: QuoteContext, minScore = DEFAULT_MIN_SCORE): TextMatch | null {
  const { hint, exact } = ctx;
  if (exact.length === 0) return null;
  let best = matchExact(text, ctx);
  if (best?.method === 'position') return acceptable(text, best, ctx, minScore) ? best : null;
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATIO);
  // Even when the quote occurs elsewhere, look near the expected place: an edited original
  // there beats an untouched copy of the passage further away.
  if (hint !== null) {
    const radius = Math.max(LOCAL_RADIUS, exact.length);
    best = better(best, bestOf(text, ctx, matchesAround(text, exact, hint, radius, maxErrors)));
  }
  if (!best || best.score < CONFIDENT) {
    const near = globalGuesses(text, ctx).map((guess) =>
      matchNear(text, exact, guess, maxErrors + 16, maxErrors),
    );
    best = better(best, bestOf(text, ctx, near));
  }
  return best && acceptable(text, best, ctx, minScore) ? best : null;
}

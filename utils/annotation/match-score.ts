/**
 * Scoring of a candidate place for a quote: how well the quote, the text just before it (against
 * the stored prefix) and the text just after it (against the stored suffix) agree, and how near
 * it is to where the quote is expected. The idea follows Hypothesis's client (quote, context and
 * position weighed together); the weights here count evidence in characters, so a short quote
 * leans on its context and a long quote speaks for itself.
 */

/** Stored context of a quote, whitespace-normalised like the text model. */
export interface QuoteContext {
  exact: string;
  prefix: string;
  suffix: string;
  /** Where the quote is expected to start in the text, if known. */
  hint: number | null;
  /**
   * Whether the hint has been corrected by how the page moved nearby text (see anchorAll). A raw
   * stored position on a live page is off by the page's boilerplate, so it only breaks ties.
   */
  calibrated: boolean;
}

/** Characters of quote counted as evidence at most: beyond this a longer quote is no more telling. */
const QUOTE_WEIGHT_CAP = 96;
/** Weight of the position term, in characters of evidence. */
const POSITION_WEIGHT = 6;
/** The same for a calibrated hint, and the distance at which it has fallen to one half. */
const CALIBRATED_WEIGHT = 15;
const CALIBRATED_HALF = 500;
/** Distance (in characters) at which the position term has fallen to one half. */
const POSITION_HALF = 2000;
/** Share of the context score that the better-matching side (prefix or suffix) carries. */
const BETTER_SIDE = 0.7;

/**
 * Edit distance between `pattern` and the start of `text`, where the alignment is pinned at the
 * start of both and free at the far end of `text` (extra text after the match costs nothing).
 */
export function anchoredDistance(pattern: string, text: string): number {
  const m = pattern.length;
  const n = text.length;
  if (m === 0) return 0;
  let prev = new Uint16Array(n + 1);
  let cur = new Uint16Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const pc = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (pc === text.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let best = m;
  for (let j = 0; j <= n; j++) best = Math.min(best, prev[j]!);
  return best;
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/** Similarity in [0, 1] of the stored prefix to the text that ends at `start`. */
export function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (prefix.length === 0) return 1;
  const before = text.slice(Math.max(0, start - prefix.length - 8), start);
  return 1 - anchoredDistance(reverse(prefix), reverse(before)) / prefix.length;
}

/** Similarity in [0, 1] of the stored suffix to the text that starts at `end`. */
export function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (suffix.length === 0) return 1;
  const after = text.slice(end, end + suffix.length + 8);
  return 1 - anchoredDistance(suffix, after) / suffix.length;
}

/** Similarities of the stored prefix and suffix to the text around `[start, end)` (1 when empty). */
export function contextSimilarities(
  text: string,
  start: number,
  end: number,
  ctx: QuoteContext,
): [number, number] {
  return [prefixSimilarity(text, start, ctx.prefix), suffixSimilarity(text, end, ctx.suffix)];
}

/**
 * Agreement in [0, 1] of the stored context with the text around a place, and its weight (the
 * context's length). When both sides exist the better side counts most: text inserted or edited
 * right next to a highlight spoils one side, while a wrong place rarely matches either.
 */
function contextScore(text: string, start: number, end: number, ctx: QuoteContext): [number, number] {
  const [p, s] = contextSimilarities(text, start, end, ctx);
  const weight = ctx.prefix.length + ctx.suffix.length;
  if (ctx.prefix.length === 0 || ctx.suffix.length === 0) return [ctx.prefix.length ? p : s, weight];
  return [BETTER_SIDE * Math.max(p, s) + (1 - BETTER_SIDE) * Math.min(p, s), weight];
}

/**
 * Score in [0, 1] of the place `text[start, end)` for a quote found there with `errors` edits.
 * A quote that matches exactly, in its full context, where expected, scores 1.
 */
export function scoreMatch(
  text: string,
  start: number,
  end: number,
  errors: number,
  ctx: QuoteContext,
): number {
  const quoteWeight = Math.min(ctx.exact.length, QUOTE_WEIGHT_CAP);
  const quoteScore = Math.max(0, 1 - errors / ctx.exact.length);
  const [context, contextWeight] = contextScore(text, start, end, ctx);
  let total = quoteWeight * quoteScore + contextWeight * context;
  let weight = quoteWeight + contextWeight;
  if (ctx.hint !== null) {
    const distance = Math.abs(start - ctx.hint);
    const [w, half] = ctx.calibrated
      ? [CALIBRATED_WEIGHT, CALIBRATED_HALF]
      : [POSITION_WEIGHT, POSITION_HALF];
    total += w * (half / (half + distance));
    weight += w;
  }
  return total / weight;
}

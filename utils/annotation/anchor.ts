import type { TextPositionSelector, TextQuoteSelector } from '@/utils/model';
import { trimSpan } from './describe';
import { type AnchorMethod, DEFAULT_MIN_SCORE, matchExact, matchQuote, type TextMatch } from './match-quote';
import type { QuoteContext } from './match-score';
import { modelOf } from './model-of';
import { normaliseSpace, type TextModel } from './text-model';
import { textOffsetsToRange } from './text-offsets';

/** What anchoring needs from a highlight: its quote, and its position as a hint. */
export interface AnchorSelectors {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}

/** A highlight placed in a document. `score` is 1 for an exact match in context at its position. */
export interface AnchorResult {
  range: Range;
  score: number;
  method: AnchorMethod;
}

/** A highlight placed in a text model's `text`, before any DOM Range is made. */
export type AnchorSpan = TextMatch;

export interface AnchorOptions {
  /**
   * Matches scoring below this (0–1) are orphans. Default DEFAULT_MIN_SCORE. A quote of 24 or
   * more characters that occurs exactly once is accepted whatever its score (its context may
   * have been edited on both sides).
   */
  minScore?: number;
}

/** Stored selectors, whitespace-normalised like the text model, with the expected start. */
function contextOf(selectors: AnchorSelectors, shift: number | null): QuoteContext {
  const { quote, position } = selectors;
  return {
    exact: normaliseSpace(quote.exact).trim(),
    prefix: normaliseSpace(quote.prefix),
    suffix: normaliseSpace(quote.suffix),
    hint: position ? Math.max(0, position.start + (shift ?? 0)) : null,
    calibrated: shift !== null,
  };
}

/** Drops whitespace a fuzzy match may have picked up at its ends; null if nothing is left. */
function trimmed(model: TextModel, match: TextMatch | null): AnchorSpan | null {
  if (!match) return null;
  const span = trimSpan(model.text, match);
  return span.start === span.end ? null : { ...match, ...span };
}

function toResult(model: TextModel, span: AnchorSpan | null): AnchorResult | null {
  return (
    span && { range: textOffsetsToRange(model, span.start, span.end), score: span.score, method: span.method }
  );
}

/** Like `anchor`, but answers with offsets into `model.text` (no Range: any DOM will do). */
export function locate(
  model: TextModel,
  selectors: AnchorSelectors,
  options: AnchorOptions = {},
): AnchorSpan | null {
  return trimmed(model, matchQuote(model.text, contextOf(selectors, null), options.minScore));
}

/**
 * Anchors one highlight in `root` (or in a prebuilt model of it): at its stored position if the
 * quote is there, else the best exact occurrence, else the best fuzzy match; null (an orphan)
 * when nothing scores `minScore`. On the reader's stored copy this is always the position step.
 */
export function anchor(
  root: Node | TextModel,
  selectors: AnchorSelectors,
  options: AnchorOptions = {},
): AnchorResult | null {
  const model = modelOf(root);
  return toResult(model, locate(model, selectors, options));
}

/** Score from which an exact match is trusted to tell how far the page has moved the text. */
const TRUSTED = 0.95;

interface Shift {
  stored: number;
  shift: number;
}

/** The shift (found start − stored start) of the trusted anchor stored nearest to `start`, if any. */
function nearestShift(trusted: readonly Shift[], start: number): number | null {
  let lo = 0;
  let hi = trusted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trusted[mid]!.stored < start) lo = mid + 1;
    else hi = mid;
  }
  const after = trusted[lo];
  const before = trusted[lo - 1];
  if (!after) return before ? before.shift : null;
  if (!before) return after.shift;
  return start - before.stored <= after.stored - start ? before.shift : after.shift;
}

/** Like `anchorAll`, but answers with offsets into `model.text` (no Range: any DOM will do). */
export function locateAll(
  model: TextModel,
  highlights: readonly AnchorSelectors[],
  options: AnchorOptions = {},
): (AnchorSpan | null)[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const { text } = model;
  // First, in stored order: a highlight found exactly, in context, where the last sure one
  // predicts (or, failing that, as the only occurrence of its quote) is sure, and tells the
  // shift from there on. On an unchanged page this finds all of them without a search.
  const order = highlights
    .map((h, i) => ({ start: h.position?.start, i }))
    .filter((x): x is { start: number; i: number } => x.start !== undefined)
    .sort((a, b) => a.start - b.start);
  const sure: (TextMatch | null)[] = highlights.map(() => null);
  const trusted: Shift[] = [];
  let shift: number | null = null;
  for (const { start, i } of order) {
    const ctx = contextOf(highlights[i]!, shift);
    const m = matchExact(text, ctx);
    if (!m || m.score < Math.max(TRUSTED, minScore)) continue;
    if (m.method !== 'position' && text.indexOf(ctx.exact) !== text.lastIndexOf(ctx.exact)) continue;
    sure[i] = m;
    shift = m.start - start;
    trusted.push({ stored: start, shift });
  }
  return highlights.map((h, i) => {
    const first = sure[i];
    if (first) return trimmed(model, first);
    const nearest = h.position ? nearestShift(trusted, h.position.start) : null;
    return trimmed(model, matchQuote(text, contextOf(h, nearest), minScore));
  });
}

/**
 * Anchors many highlights over one text model, in input order. Highlights whose quote occurs
 * once, in context, tell how far the live page has moved the text around them (boilerplate,
 * edits); the others use the nearest such shift to correct their position hint, which then
 * picks the right one of repeated passages and finds edited ones nearby.
 */
export function anchorAll(
  root: Node | TextModel,
  highlights: readonly AnchorSelectors[],
  options: AnchorOptions = {},
): (AnchorResult | null)[] {
  const model = modelOf(root);
  return locateAll(model, highlights, options).map((span) => toResult(model, span));
}

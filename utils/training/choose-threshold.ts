/**
 * How train-extract.ts picks a page type's block-filter threshold from held-out train pages. The
 * chooser looks at both things the issue measures: shingle F1 and the share of pages where a
 * "without" (boilerplate) snippet survives. Looking at F1 alone, it left the article filter off
 * (best gain 0.0016 F1) without asking what a threshold did to the leaking pages.
 *
 * The rule (leaks count where the caller says so: train-extract.ts counts them for articles):
 * among the thresholds whose pooled held-out F1 stays within F1_TOLERANCE of no filter
 * and that lose more than FOLD_TOLERANCE on no fold, take the one with the fewest leaking pages
 * (ties: the higher F1). It goes on when it lowers the leaking share by MIN_LEAK_DROP, or gains
 * MIN_GAIN F1 and loses on no fold (the F1-only rule as before); else the filter stays off (0).
 * A point may carry a word limit (only blocks that short may be dropped): the candidates are then
 * (threshold, limit) pairs, chosen by the same rule.
 */
import { MIN_GAIN } from './model-file';

/** F1 a threshold may give up, pooled over the held-out pages of the type, to take boilerplate off pages. */
export const F1_TOLERANCE = 0.001;
/** F1 a threshold may give up on one fold (a fold holds a quarter of the hosts: noisier). */
export const FOLD_TOLERANCE = 0.003;
/** Fewer leaking pages needed (share of the type's held-out pages) to switch the filter on for leaks alone. */
export const MIN_LEAK_DROP = 0.01;

/** A threshold's held-out figures: pooled F1 and leaking share, and F1 per cross-validation fold. */
export interface ThresholdPoint {
  threshold: number;
  /** Only blocks of at most this many words may be dropped (absent: any). */
  maxWords?: number;
  f1: number;
  /** Share of pages where some "without" snippet survives. */
  leaks: number;
  foldF1: readonly number[];
}

export interface ThresholdChoice {
  threshold: number;
  maxWords?: number;
  why: 'off' | 'fewer leaks' | 'higher F1';
}

/** `points[0]` must be threshold 0 (no filter); the others are the candidates. */
export function chooseThreshold(points: readonly ThresholdPoint[], countLeaks = true): ThresholdChoice {
  const off = points[0];
  if (off?.threshold !== 0) throw new Error('chooseThreshold: the first point must be threshold 0');
  const foldLoss = (point: ThresholdPoint) =>
    Math.max(0, ...point.foldF1.map((f1, fold) => (off.foldF1[fold] ?? f1) - f1));

  let cleanest: ThresholdPoint = off;
  for (const point of points.slice(1)) {
    const allowed = point.f1 >= off.f1 - F1_TOLERANCE && foldLoss(point) <= FOLD_TOLERANCE;
    if (!allowed) continue;
    if (point.leaks < cleanest.leaks || (point.leaks === cleanest.leaks && point.f1 > cleanest.f1))
      cleanest = point;
  }
  if (countLeaks && off.leaks - cleanest.leaks >= MIN_LEAK_DROP - 1e-9)
    return { threshold: cleanest.threshold, maxWords: cleanest.maxWords, why: 'fewer leaks' };

  let best: ThresholdPoint = off;
  for (const point of points.slice(1)) if (point.f1 > best.f1 + 1e-9) best = point;
  if (best.f1 >= off.f1 + MIN_GAIN && foldLoss(best) === 0)
    return { threshold: best.threshold, maxWords: best.maxWords, why: 'higher F1' };
  return { threshold: 0, why: 'off' };
}

/**
 * What train-extract.ts and compare-block-filters.ts share: the train pages' host folds, the
 * block filter's training rows, the text the filter would leave on a cached page, and the
 * held-out figures of every (threshold, word limit) point that choose-threshold.ts picks from.
 */
import { decideBlocks, droppableBlocks, FEATURE_NAMES, PAGE_FEATURE_NAMES } from '@/utils/extraction';
import { PAGE_TYPES, type PageType } from '@/utils/model';
import type { ThresholdPoint } from './choose-threshold';
import { hostOf, type TruthPage } from './corpus';
import { aggregate, scorePage, survivingSnippets } from './metric';
import { SEED } from './model-file';
import type { TrainJob, TrainOptions } from './network';
import type { CachedPage } from './page-cache';
import { seededRandom, shuffled } from './split';

export const FOLDS = 4;
// Threshold 0 (no filter) first: chooseThreshold compares every other threshold with it.
export const THRESHOLDS = Array.from({ length: 20 }, (_, i) => Number((0.05 * i).toFixed(2)));
// Word limits tried with the article thresholds (undefined: none). Most boilerplate that survives
// in train articles is a short line inside the article; a long paragraph dropped by mistake costs
// far more F1 (README, Model, round 9). Under a limit, structure (headings, captions, code, table
// cells, list items) is never dropped (round 10).
export const MAX_WORDS = [undefined, 6, 12, 25];

export const BLOCK_OPTIONS: TrainOptions = {
  hidden: [32],
  outputs: 1,
  epochs: 15,
  batch: 256,
  rate: 0.002,
  l2: 3e-3,
  seed: SEED,
};
export const PAGE_OPTIONS: TrainOptions = {
  hidden: [16],
  outputs: PAGE_TYPES.length,
  epochs: 300,
  batch: 64,
  rate: 0.003,
  l2: 1e-3,
  seed: SEED,
};

export interface Example {
  truth: TruthPage;
  page: CachedPage;
}

/** Weights that follow the metric: each page counts once, and within it a block by its share of the text. */
export function blockTrainingSet(examples: readonly Example[]) {
  const rows: number[][] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (const { page } of examples) {
    const total = page.blocks.reduce((sum, block) => sum + block.text.length, 0) || 1;
    for (const block of page.blocks) {
      rows.push(block.row);
      targets.push(block.label);
      weights.push(0.5 / page.blocks.length + (0.5 * block.text.length) / total);
    }
  }
  const mean = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length);
  return { rows, targets, weights: weights.map((w) => w / mean) };
}

/** The two network training jobs (block filter, page classifier) for a set of pages. */
export function jobsFor(name: string, examples: readonly Example[]): TrainJob[] {
  return [
    { name: `${name}:block`, features: FEATURE_NAMES, ...blockTrainingSet(examples), options: BLOCK_OPTIONS },
    {
      name: `${name}:page`,
      features: PAGE_FEATURE_NAMES,
      rows: examples.map(({ page }) => page.pageRow),
      targets: examples.map(({ truth }) => PAGE_TYPES.indexOf(truth.page_type)),
      weights: examples.map(() => 1),
      options: PAGE_OPTIONS,
    },
  ];
}

export interface Scored {
  example: Example;
  /** The cross-validation fold the page was held out in (-1 outside cross-validation). */
  fold: number;
  pageType: PageType;
  probabilities: number[];
}

/** The pages split into FOLDS folds by host: the hosts sorted, shuffled with the seed, dealt round. */
export function foldsByHost(examples: readonly Example[]): Example[][] {
  const hosts = shuffled(
    [...new Set(examples.map(({ truth }) => hostOf(truth.url)))].sort(),
    seededRandom(SEED),
  );
  const foldOf = new Map(hosts.map((host, i) => [host, i % FOLDS]));
  return Array.from({ length: FOLDS }, (_, fold) =>
    examples.filter(({ truth }) => foldOf.get(hostOf(truth.url)) === fold),
  );
}

/**
 * The text the filter would leave at `threshold`: Readability's text without the blocks the model
 * drops. Whitespace is collapsed (the metric and the snippet checks ignore it), so a block's
 * collapsed text is found where it stands.
 */
export function filtered(scored: Scored, threshold: number, maxWords?: number): string {
  const { blocks, readabilityText } = scored.example.page;
  const keep = decideBlocks(
    blocks.map(() => true),
    scored.probabilities,
    threshold,
    droppableBlocks(blocks, maxWords, (block) => block.structural),
  );
  let text = readabilityText.replace(/\s+/g, ' ');
  // As in the pipeline: when the model would drop every block, Readability's choice stands.
  if (!keep.some(Boolean)) return text;
  blocks.forEach((block, i) => {
    if (keep[i]) return;
    const at = text.indexOf(block.text);
    if (at >= 0) text = text.slice(0, at) + text.slice(at + block.text.length);
  });
  return text;
}

/**
 * Held-out figures (pooled F1, leaking share, F1 per fold) of every threshold of THRESHOLDS under
 * each word limit of `limits`, for the pages of one type; the first point is threshold 0, no
 * filter, as chooseThreshold wants it.
 */
export function filterPoints(
  pages: readonly Scored[],
  limits: readonly (number | undefined)[],
): ThresholdPoint[] {
  const folds = Array.from({ length: FOLDS }, (_, fold) => pages.filter((s) => s.fold === fold)).filter(
    (some) => some.length,
  );
  // Most thresholds leave a page as another threshold did: each distinct text is scored once
  // (the threshold step took about 3 minutes, now seconds; README, Model, round 15).
  const judged = new Map<string, { score: ReturnType<typeof scorePage>; leaks: boolean }>();
  function judge(s: Scored, text: string) {
    const key = `${s.example.truth.id}\n${text}`;
    let verdict = judged.get(key);
    if (!verdict) {
      verdict = {
        score: scorePage(s.example.truth.main_content, text),
        leaks: survivingSnippets(text, s.example.truth.without).length > 0,
      };
      judged.set(key, verdict);
    }
    return verdict;
  }
  function measure(threshold: number, maxWords: number | undefined): ThresholdPoint {
    const verdicts = new Map(pages.map((s) => [s, judge(s, filtered(s, threshold, maxWords))]));
    const f1Of = (some: readonly Scored[]) => aggregate(some.map((s) => verdicts.get(s)!.score)).f1;
    const leaking = pages.filter((s) => verdicts.get(s)!.leaks);
    return {
      threshold,
      ...(maxWords === undefined ? {} : { maxWords }),
      f1: f1Of(pages),
      leaks: leaking.length / Math.max(1, pages.length),
      foldF1: folds.map(f1Of),
    };
  }
  return [
    measure(0, undefined),
    ...limits.flatMap((maxWords) =>
      THRESHOLDS.filter((threshold) => threshold > 0).map((threshold) => measure(threshold, maxWords)),
    ),
  ];
}

/**
 * Trains gradient-boosted trees as a block filter (format and evaluation: boosted-trees.ts;
 * used by compare-block-filters.ts) by handing the rows to train_trees.py: XGBoost 1.7, which
 * Debian bookworm packages for its own python3 (`apt-get install python3-xgboost`), hence
 * /usr/bin/python3 rather than the python3 first on PATH. Deterministic: one thread, fixed seed.
 */
import { type BoostedTrees, checkTrees, treesMargin } from './boosted-trees';
import { runTrainer, type TrainerJob } from './trainer-process';

const TREES_PYTHON = '/usr/bin/python3';

export interface TreeOptions {
  /** XGBoost's booster parameters (max_depth, eta, seed…); nthread is always 1. */
  params: Record<string, number | string>;
  rounds: number;
}

export interface TreeJob extends TrainerJob {
  options: TreeOptions;
}

// Leaves are written with four significant digits: over a few hundred trees the margin may move
// by a few thousandths, never by this much unless a row took another path than in XGBoost.
const CHECK_TOLERANCE = 0.02;

/**
 * Trains every job in one Python process; returns the ensembles by job name. Each is checked
 * against XGBoost's own outputs for its first training rows (train_trees.py's "check"), so a
 * difference between its evaluation and boosted-trees.ts fails the training, not the reader.
 */
export function trainTrees(jobs: readonly TreeJob[]): Map<string, BoostedTrees> {
  const trained = runTrainer(TREES_PYTHON, 'train_trees.py', jobs, (job) => ({
    params: { ...job.options.params, nthread: 1 },
    rounds: job.options.rounds,
  })) as Record<string, Omit<BoostedTrees, 'features'> & { check: number[] }>;
  return new Map(
    jobs.map((job) => {
      const { check, ...rest } = trained[job.name]!;
      const model: BoostedTrees = { features: [...job.features], ...rest };
      checkTrees(model);
      check.forEach((margin, i) => {
        const ours = treesMargin(model, Float32Array.from(job.rows[i]!));
        if (!(Math.abs(ours - margin) <= CHECK_TOLERANCE))
          throw new Error(`${job.name}: row ${i} gives ${ours} here and ${margin} in XGBoost`);
      });
      return [job.name, model];
    }),
  );
}

/**
 * Trains the small networks the extraction model is made of (format and evaluation:
 * utils/extraction/learned-model.ts) by handing the rows to train_networks.py (numpy, with BLAS;
 * a JS training loop was ~30× slower here). Deterministic: seeded draws, single-threaded BLAS.
 */
import type { Network } from '@/utils/extraction';
import { runTrainer, type TrainerJob } from './trainer-process';

export interface TrainOptions {
  hidden: number[];
  /** 1 output: sigmoid and binary cross-entropy; more: softmax and categorical cross-entropy. */
  outputs: number;
  epochs: number;
  batch: number;
  rate: number;
  /** L2 penalty on the weights. */
  l2: number;
  seed: number;
}

export interface TrainJob extends TrainerJob {
  options: TrainOptions;
}

/** Trains every job in one Python process (the python3 first on PATH: numpy ≥ 2); returns the networks by job name. */
export function trainNetworks(jobs: readonly TrainJob[]): Map<string, Network> {
  const trained = runTrainer('python3', 'train_networks.py', jobs, (job) => job.options) as Record<
    string,
    Omit<Network, 'features'>
  >;
  return new Map(jobs.map((job) => [job.name, { features: [...job.features], ...trained[job.name]! }]));
}

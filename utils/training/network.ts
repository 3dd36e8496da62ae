/**
 * Trains the small networks the extraction model is made of (format and evaluation:
 * utils/extraction/learned-model.ts) by handing the rows to train_networks.py (numpy, the one
 * numerical library this project's machines have, with BLAS; a JS training loop was ~30× slower
 * here). Deterministic: seeded draws, single-threaded BLAS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Network } from '@/utils/extraction';

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

export interface TrainJob {
  name: string;
  features: readonly string[];
  rows: readonly ArrayLike<number>[];
  /** 0/1 for one output, else a class index. */
  targets: readonly number[];
  weights: readonly number[];
  options: TrainOptions;
}

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'train_networks.py');

function floats(values: readonly number[]): Buffer {
  return Buffer.from(Float32Array.from(values).buffer);
}

/** Trains every job in one Python process; returns the networks by job name. */
export function trainNetworks(jobs: readonly TrainJob[]): Map<string, Network> {
  const dir = mkdtempSync(path.join(tmpdir(), 'readmark-train-'));
  try {
    const request = jobs.map((job, index) => {
      const width = job.features.length;
      const rows = new Float32Array(job.rows.length * width);
      job.rows.forEach((row, i) => {
        rows.set(Array.from(row), i * width);
      });
      writeFileSync(path.join(dir, `${index}.rows`), Buffer.from(rows.buffer));
      writeFileSync(path.join(dir, `${index}.targets`), floats(job.targets));
      writeFileSync(path.join(dir, `${index}.weights`), floats(job.weights));
      return {
        name: job.name,
        rows: `${index}.rows`,
        targets: `${index}.targets`,
        weights: `${index}.weights`,
        width,
        ...job.options,
      };
    });
    const run = spawnSync('python3', [SCRIPT], {
      input: JSON.stringify({ dir, jobs: request }),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    if (run.status !== 0) throw new Error(`train_networks.py failed: ${run.stderr || run.error?.message}`);
    const trained = JSON.parse(run.stdout) as Record<string, Omit<Network, 'features'>>;
    return new Map(jobs.map((job) => [job.name, { features: [...job.features], ...trained[job.name]! }]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Hands training rows to a Python trainer (train_networks.py, train_trees.py): each job's rows,
 * targets and weights go to float32 files in a temporary directory, the job list goes to the
 * script's stdin as JSON, and its stdout is the trained models by job name. Single-threaded BLAS
 * and OpenMP, so the trainers give the same result on every run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TrainerJob {
  name: string;
  features: readonly string[];
  rows: readonly ArrayLike<number>[];
  /** 0/1 for one output, else a class index. */
  targets: readonly number[];
  weights: readonly number[];
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

function floats(values: readonly number[]): Buffer {
  return Buffer.from(Float32Array.from(values).buffer);
}

/**
 * Runs `script` (a file next to this one) with `python` over the jobs; `options` gives each job's
 * trainer settings, spread into its entry of the request. Returns the script's JSON output.
 */
export function runTrainer<J extends TrainerJob>(
  python: string,
  script: string,
  jobs: readonly J[],
  options: (job: J) => object,
): Record<string, unknown> {
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
        ...options(job),
      };
    });
    const run = spawnSync(python, [path.join(HERE, script)], {
      input: JSON.stringify({ dir, jobs: request }),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr || run.error?.message}`);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a command of utils/cli two ways: through its entry as `npm run` does (tsx in a child
 * process: about 1.7 CPU-s a run, nearly all of it tsx and the packages loading), or in this
 * process through the function the entry calls, with its output captured. The tests check what
 * reaches the process's streams and exit code through the entry, and what the command does in-process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CommandOutput } from '../../utils/cli/command-output';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `tsx <script> ...args` from the repository's root, as its npm script runs it. */
export function runEntry(script: string, ...args: string[]): Ran {
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command's function (`runExtract`, `runImport`) over `args`, in this process. */
export function runInProcess(
  command: (argv: string[], output: CommandOutput) => number,
  ...args: string[]
): Ran {
  let stdout = '';
  let stderr = '';
  const code = command(args, {
    out: (text) => {
      stdout += text;
    },
    error: (line) => {
      stderr += `${line}\n`;
    },
  });
  return { code, stdout, stderr };
}

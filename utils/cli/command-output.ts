/**
 * Where a command of this folder writes: `out` what it prints to stdout, `error` one message line
 * for stderr. Its entry passes the process's own streams; the unit tests pass their own, to run
 * the command in their process (starting tsx costs more than most runs do).
 */
export interface CommandOutput {
  out(text: string): void;
  error(line: string): void;
}

/** stdout and stderr of this process. */
export const processOutput: CommandOutput = {
  out: (text) => void process.stdout.write(text),
  error: (line) => console.error(line),
};

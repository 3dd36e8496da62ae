import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES_DIR } from './figures';

/**
 * Vitest global setup: clears last run's figures, and prints every file's figures after the run.
 * `HOSTILE_FIGURES_KEEP=1` keeps those of an earlier run (`npm test` runs the suite in two parts).
 */
export default function setup(): () => void {
  if (process.env.HOSTILE_FIGURES_KEEP !== '1') rmSync(FIGURES_DIR, { recursive: true, force: true });
  return () => {
    if (!existsSync(FIGURES_DIR)) return;
    const lines = ['', '══ Hostile input and fault suite: figures ══'];
    for (const file of readdirSync(FIGURES_DIR).sort()) {
      const { section, figures } = JSON.parse(readFileSync(join(FIGURES_DIR, file), 'utf8')) as {
        section: string;
        figures: Record<string, string | number>;
      };
      lines.push(section);
      for (const [label, value] of Object.entries(figures)) lines.push(`  ${label}: ${value}`);
    }
    console.log(lines.join('\n'));
  };
}

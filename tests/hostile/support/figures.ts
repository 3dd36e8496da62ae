import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where each hostile test file leaves its figures for the summary printed at the end of the run. */
export const FIGURES_DIR = resolve(process.cwd(), 'test-results/hostile-figures');

/**
 * Records one file's figures (label → value) and prints them at once, so they appear in CI output
 * even when the run is cut short; print-figures.ts prints every file's figures again at the end.
 */
export function recordFigures(section: string, figures: Record<string, string | number>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${section}.json`), JSON.stringify({ section, figures }, null, 2));
  console.log(
    `[hostile] ${section}\n${Object.entries(figures)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join('\n')}`,
  );
}

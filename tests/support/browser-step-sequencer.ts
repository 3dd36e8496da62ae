/**
 * Order of `npm test`'s browser step (vitest.browser.config.ts): the hostile files first, then the
 * end-to-end files. Vitest runs one project's files after the other's, by name: the end-to-end
 * files, then the hostile ones, so the XSS pages, the longest file of either suite (about 45 s on
 * CI), ran last with the other worker idle. First, the rest of the hostile files and then the
 * end-to-end files run beside it. A worker changes suite once (the end-to-end files share a
 * worker, the hostile ones each start one: their configs).
 *
 * Within a suite, the longest files first, so that the two workers end together on short ones.
 * Vitest orders by the durations of its last run, kept in node_modules; a clean clone (CI) has none,
 * and Vitest then runs the largest files first, by bytes: page-thread, the real-speech file and
 * sync-clock, long but small, came 24th to 26th of 36, followed by too few short files to even
 * the workers out. Without those durations the files in LONG_FILES go first, longest first.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds in a quiet clean-clone CI run (Vitest's JSON report, 2026-12-07); sync-faults and
 * sync-conflicts as expected after "Sync now" stopped waiting on a tab behind (25.7 and 20.9 s
 * before), the real-speech file (one since then) as its two files took alone, listen-live-focus
 * (alone before) as beside other files, sync-kill as expected through one server (25.2 s before;
 * 35.4 → 18.9 s in session 13's paired steps).
 */
const LONG_FILES: Record<string, number> = {
  'tests/hostile/xss.hostile.test.ts': 44.7,
  'tests/e2e/page-thread.e2e.test.ts': 31.4,
  'tests/e2e/listen-live-focus.e2e.test.ts': 30,
  'tests/e2e/listen-real-speech.e2e.test.ts': 25,
  'tests/e2e/sync.e2e.test.ts': 23.7,
  'tests/e2e/sync-faults.e2e.test.ts': 15,
  'tests/e2e/sync-conflicts.e2e.test.ts': 15,
  'tests/e2e/review.e2e.test.ts': 16.5,
  'tests/e2e/sync-clock.e2e.test.ts': 15.9,
  'tests/e2e/sync-kill.e2e.test.ts': 13.5,
  'tests/e2e/reading-aids.e2e.test.ts': 15.1,
};

export class BrowserStepSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const known = (spec: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(root, spec.moduleId)}`) !==
      undefined;
    const ordered = sorted.every(known) ? sorted : longFirst(sorted, (spec) => relative(root, spec.moduleId));
    const hostile = (spec: TestSpecification) => spec.project.name === 'hostile';
    return [...ordered.filter(hostile), ...ordered.filter((spec) => !hostile(spec))];
  }
}

/** The files of LONG_FILES first, longest first, then the others in the order given (stable sort). */
function longFirst(
  files: TestSpecification[],
  path: (spec: TestSpecification) => string,
): TestSpecification[] {
  const seconds = (spec: TestSpecification) => LONG_FILES[path(spec)] ?? 0;
  return [...files].sort((a, b) => seconds(b) - seconds(a));
}

/**
 * Order of `npm test`'s browser step (vitest.browser.config.ts): the hostile files first, then the
 * end-to-end files, each suite in Vitest's own order (its last run's durations, else the largest
 * file first). Vitest runs one project's files after the other's, by name: the end-to-end files,
 * then the hostile ones, so the XSS pages, the longest file of either suite (about 45 s on CI),
 * ran last with the other worker idle. First, the rest of the hostile files and then the
 * end-to-end files run beside it. A worker changes suite once (the end-to-end files share a
 * worker, the hostile ones each start one: their configs).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class BrowserStepSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const hostile = (spec: TestSpecification) => spec.project.name === 'hostile';
    return [...sorted.filter(hostile), ...sorted.filter((spec) => !hostile(spec))];
  }
}

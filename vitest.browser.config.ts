import { defineConfig } from 'vitest/config';
import { BrowserStepSequencer } from './tests/support/browser-step-sequencer';

// `npm test`'s browser step (tests/run-all.ts): the end-to-end and hostile files in one Vitest
// run, two files at a time, each file under its own suite's config (vitest.e2e.config.ts,
// vitest.hostile.config.ts). Run one suite after the other, each ended on one long file (the XSS
// pages, page-thread) with the other worker idle; in one run the other suite's files fill in.
export default defineConfig({
  test: {
    // Vitest runs two projects' files together only when both allow the same number of workers.
    projects: [
      { extends: './vitest.e2e.config.ts', test: { name: 'e2e', fileParallelism: true, maxWorkers: 2 } },
      {
        extends: './vitest.hostile.config.ts',
        test: { name: 'hostile', fileParallelism: true, maxWorkers: 2 },
      },
    ],
    sequence: { sequencer: BrowserStepSequencer },
  },
});

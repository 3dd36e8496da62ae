import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { EnvironmentSequencer } from './tests/support/environment-sequencer';

// Unit tests: happy-dom for the DOM, fake-indexeddb for IDB, WXT's fake browser for `browser`.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/setup.ts'],
    // npm test runs the unit tests beside the type-check, lint and builds (tests/run-all.ts), so a
    // CPU-heavy test may get less than the cores it would alone: a longer bound only lets a slow
    // pass finish.
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: a single worker on a two-core machine.
    // Most files wait on happy-dom setup and module imports, so two workers pay off even there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker runs file after file without starting afresh: half the CPU time of the light files
    // (86 s instead of 166 s), as each no longer re-imports Vitest, happy-dom, Dexie and the rest.
    // What a fresh worker gave each file, tests/setup.ts gives it instead: our own modules
    // re-evaluated, an empty IndexedDB, a reset fake browser, no leftover spies, timers or DOM.
    isolate: false,
    // ...but only while the next file wants the same environment: group the files by it.
    sequence: { sequencer: EnvironmentSequencer },
    // A wait on state (`expect.poll`) gives up after 1 s by default: too short on a loaded machine.
    // A longer bound only lets a slow pass finish; a failing poll still fails.
    expect: { poll: { timeout: 5_000 } },
  },
});

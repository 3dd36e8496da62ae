import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests: real Debian Chromium driven by playwright-core, with the built extension loaded.
// Run after `wxt build`; one file at a time here (`npm test` runs them two at a time, beside the
// hostile files: vitest.browser.config.ts, tests/run-all.ts).
export default defineConfig({
  // Tests may build their data with the project's own pure modules (e.g. a hostile backup file).
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // Beside another browser file a file gets a share of two cores: the bounds only let a slow
    // pass finish (a test that hangs still fails); what a test times, it asserts itself.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A wait on state (`expect.poll`) gives up after 1 s by default: beside another browser file
    // (the hostile XSS pages run in the same step since session 11) the library's search and
    // list once took longer. A longer bound only lets a slow pass finish; a failing poll still fails.
    expect: { poll: { timeout: 5_000 } },
    fileParallelism: false,
    // A worker runs file after file without starting afresh (0.5-1 CPU-s less a file: Node,
    // Vitest and playwright-core are loaded once, README "Tests"). Each file still starts its own
    // browsers and servers; what a file set for itself it gives to its browser only (the French
    // files' language: `launchWithExtension`'s `language`), never to the worker's environment.
    isolate: false,
  },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Hostile input and fault suite (issue 7): real Chromium with the built extension (run after
// `wxt build`), plus node-level fuzz, migration and quota tests. One file at a time here (`npm test`
// runs two at a time, and the pathological pages alone at the end:
// tests/run-all.ts); the figures are printed once at the end.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/hostile/**/*.hostile.test.ts'],
    environment: 'node',
    // Beside another file a file gets a share of two cores: the bounds only let a slow pass
    // finish; the bounds the tests are about (answers within 35 s, the watchdog) they assert.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['tests/hostile/support/print-figures.ts'],
  },
});

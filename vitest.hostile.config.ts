import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Hostile input and fault suite (issue 7): real Chromium with the built extension (run after
// `wxt build`), plus node-level fuzz, migration and quota tests. One file at a time because each
// browser file launches its own Chromium; the figures are printed once at the end.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/hostile/**/*.hostile.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ['tests/hostile/support/print-figures.ts'],
  },
});

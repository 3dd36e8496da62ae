import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests: real Debian Chromium driven by playwright-core, with the built extension loaded.
// Run after `wxt build`; one file at a time here (`npm test` runs two at a time, the files that
// time the main thread alone: tests/run-all.ts).
export default defineConfig({
  // Tests may build their data with the project's own pure modules (e.g. a hostile backup file).
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});

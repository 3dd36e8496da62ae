import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: happy-dom for the DOM, fake-indexeddb for IndexedDB, WXT's fake browser for `browser`.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: a single worker on a two-core machine.
    // Most files wait on happy-dom setup and module imports, so two workers pay off even there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

/**
 * `npm test`: everything CI runs, in order, then one plain `N passed, N failed` line that sums
 * every test run (Vitest's own summary covers one run only). Steps that are checks rather than
 * test suites (type-check, lint, builds, web-ext lint) count as one test each.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const REPORTS = 'test-results/reports';

function run(label: string, command: string): boolean {
  console.log(`\n▶ ${label}: ${command}`);
  const started = Date.now();
  const result = spawnSync(command, { shell: true, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✖'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(label: string, command: string): void {
  if (run(label, command)) total.passed++;
  else total.failed++;
}

/** Runs a Vitest suite with a JSON report and adds its test counts (a crash counts as one failure). */
function vitest(label: string, config: string, name: string): void {
  const report = `${REPORTS}/${name}.json`;
  const ok = run(
    label,
    `npx vitest run -c ${config} --reporter=default --reporter=json --outputFile=${report}`,
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    total.passed += json.numPassedTests;
    total.failed += json.numFailedTests;
    total.skipped += json.numPendingTests + json.numTodoTests;
    if (!ok && json.numFailedTests === 0) total.failed++;
  } catch {
    total.failed++;
  }
}

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
check('type-check', 'npx tsc --noEmit');
check('lint and format', 'npx biome check .');
vitest('unit tests', 'vitest.config.ts', 'unit');
check('chrome build', 'npx wxt build');
check(
  'firefox build + web-ext lint',
  'npx wxt build -b firefox && npx web-ext lint --source-dir .output/firefox-mv3',
);
vitest('end-to-end tests (Chromium)', 'vitest.e2e.config.ts', 'e2e');
vitest('hostile input and fault suite (Chromium)', 'vitest.hostile.config.ts', 'hostile');
check('zip packages', 'npx wxt zip && npx wxt zip -b firefox');

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);

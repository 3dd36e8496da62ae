/**
 * `npm test`: everything CI runs, then one plain `N passed, N failed` line that sums every test
 * run (Vitest's own summary covers one run only). Steps that are checks rather than test suites
 * (type-check, lint, builds, web-ext lint) count as one test each.
 *
 * Order, for speed on two cores without flaky timing:
 *   1. type-check and lint (fast, and must see the source tree before anything else writes to it);
 *   2. two lanes at once: the unit tests (Vitest, in parallel workers) beside the packaging lane
 *      (`wxt zip` builds and zips each browser — one build per browser, shared by every later step —
 *      then web-ext lint over the Firefox build);
 *   3. the browser suites, one after the other: they time pages and kill service workers, so they
 *      get the machine to themselves. Both use the one Chrome build from step 2.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const REPORTS = 'test-results/reports';
const timings: string[] = [];

/**
 * Runs one command. A step running beside another keeps its output and prints it in one piece
 * when it ends, so two lanes never interleave line by line.
 */
function run(label: string, command: string, buffered: boolean): Promise<boolean> {
  const started = Date.now();
  if (!buffered) console.log(`\n▶ ${label}: ${command}`);
  const child = spawn(command, {
    shell: true,
    stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: process.env,
  });
  const output: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (buffered) console.log(`\n▶ ${label}: ${command}\n${Buffer.concat(output).toString('utf8')}`);
      console.log(`${ok ? '✔' : '✖'} ${label} (${seconds} s)`);
      timings.push(`  ${label}: ${seconds} s`);
      resolve(ok);
    });
  });
}

async function check(label: string, command: string, buffered = false): Promise<boolean> {
  const ok = await run(label, command, buffered);
  if (ok) total.passed++;
  else total.failed++;
  return ok;
}

/** Runs a Vitest suite with a JSON report and adds its test counts (a crash counts as one failure). */
async function vitest(label: string, config: string, name: string, buffered = false): Promise<void> {
  const report = `${REPORTS}/${name}.json`;
  const ok = await run(
    label,
    `npx vitest run -c ${config} --reporter=default --reporter=json --outputFile=${report}`,
    buffered,
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

async function packagingLane(): Promise<void> {
  await check('chrome build + zip', 'npx wxt zip', true);
  if (await check('firefox build + zip', 'npx wxt zip -b firefox', true))
    await check('web-ext lint', 'npx web-ext lint --source-dir .output/firefox-mv3', true);
  else total.failed++; // web-ext lint could not run
}

const started = Date.now();
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
await check('type-check', 'npx tsc --noEmit');
await check('lint and format', 'npx biome check .');
await Promise.all([vitest('unit tests', 'vitest.config.ts', 'unit', true), packagingLane()]);
await vitest('end-to-end tests (Chromium)', 'vitest.e2e.config.ts', 'e2e');
await vitest('hostile input and fault suite (Chromium)', 'vitest.hostile.config.ts', 'hostile');

console.log(`\nSteps (the unit tests ran beside the packaging lane):\n${timings.join('\n')}`);
console.log(`  total: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);

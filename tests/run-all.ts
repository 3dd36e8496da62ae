/**
 * `npm test`: everything CI runs, then one plain `N passed, N failed` line that sums every test
 * run (Vitest's own summary covers one run only). Steps that are checks rather than test suites
 * (type-check, lint, builds, web-ext lint) count as one test each.
 *
 * Order (on two cores, browser steps run side by side pushed timing-sensitive tests past their
 * bounds, so only steps that time nothing overlap):
 *   1. at once, two lanes that time nothing:
 *      - the unit tests (Vitest, two workers), which leave a core idle for much of their run
 *        (files waiting on child processes, and the last long files running alone);
 *      - type-check and lint (before anything rewrites `.wxt/`, which the type-check reads), then
 *        packaging: `wxt zip` builds and zips each browser — one build per browser, shared by every
 *        later step — then web-ext lint over the Firefox build. The unit tests write nothing into
 *        the source tree (their scratch files are in the system's temporary folder);
 *   2. the browser suites, on the Chrome build. The end-to-end and hostile files run two at a
 *      time, in one Vitest run (vitest.browser.config.ts: each suite's long last file no longer
 *      leaves a worker idle); each file has its own Chromium, profile and fixture server on its
 *      own port. The real-speech tests are one file (the machine's one speech-dispatcher is
 *      theirs alone), and line focus on the live page runs here too since its race was fixed
 *      (README "Tests", session 12). The pathological pages (timed by the wall clock) run last,
 *      alone.
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
/** Names of the tests that failed, printed again at the very end (CI logs show only their tail). */
const failures: string[] = [];

/** Runs one command with its output shown as it comes. */
function run(label: string, command: string): Promise<boolean> {
  const started = Date.now();
  console.log(`\n▶ ${label}: ${command}`);
  const child = spawn(command, { shell: true, stdio: 'inherit', env: process.env });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${ok ? '✔' : '✖'} ${label} (${seconds} s)`);
      timings.push(`  ${label}: ${seconds} s`);
      resolve(ok);
    });
  });
}

async function check(label: string, command: string): Promise<boolean> {
  const ok = await run(label, command);
  if (ok) total.passed++;
  else {
    total.failed++;
    failures.push(label);
  }
  return ok;
}

function firstLine(text: string): string {
  return (text.split('\n', 1)[0] ?? '').slice(0, 300);
}

/**
 * The hostile file whose pages must each end within the popup's watchdog by the wall clock, and
 * whose 100,000-element page costs seconds of CPU before the watchdog starts: it runs alone. The
 * other hostile files run two at a time (their bounds are answers within 35 s and a test's own
 * counts; they passed two at a time at load 24-44, README "Tests").
 */
const PATHOLOGICAL = 'tests/hostile/pathological.hostile.test.ts';

/**
 * Runs a Vitest suite with a JSON report and adds its test counts (a crash counts as one failure).
 * `args` are more Vitest options or the files to run; `env` is put before the command.
 */
async function vitest(label: string, config: string, name: string, args = '', env = ''): Promise<void> {
  const report = `${REPORTS}/${name}.json`;
  const ok = await run(
    label,
    `${env} npx vitest run -c ${config} ${args} --reporter=default --reporter=json --outputFile=${report}`.trim(),
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: {
        name: string;
        message?: string;
        assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
      }[];
    };
    total.passed += json.numPassedTests;
    total.failed += json.numFailedTests;
    total.skipped += json.numPendingTests + json.numTodoTests;
    if (!ok && json.numFailedTests === 0) {
      total.failed++;
      failures.push(`${label}: the run failed outside any test`);
    }
    for (const file of json.testResults) {
      const where = file.name.replace(`${process.cwd()}/`, '');
      if (file.message) failures.push(`${where}: ${firstLine(file.message)}`);
      for (const test of file.assertionResults.filter((t) => t.status === 'failed'))
        failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages[0] ?? '')}`);
    }
  } catch {
    total.failed++;
    failures.push(`${label}: no report (the run crashed)`);
  }
}

async function packagingLane(): Promise<void> {
  await check('chrome build + zip', 'npx wxt zip');
  if (await check('firefox build + zip', 'npx wxt zip -b firefox'))
    await check('web-ext lint', 'npx web-ext lint --source-dir .output/firefox-mv3');
  else total.failed++; // web-ext lint could not run
}

const started = Date.now();
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
/** Type-check and lint, then packaging: one lane beside the unit tests (the header says why). */
async function checksAndPackaging(): Promise<void> {
  await check('type-check', 'npx tsc --noEmit');
  await check('lint and format', 'npx biome check .');
  await packagingLane();
}

const lanesStarted = Date.now();
await Promise.all([vitest('unit tests', 'vitest.config.ts', 'unit'), checksAndPackaging()]);
timings.push(`  (the two lanes above, side by side: ${((Date.now() - lanesStarted) / 1000).toFixed(1)} s)`);
// Every end-to-end file runs here, two at a time. page-thread judges Readmark by the main thread's
// own CPU time in a long task, which other processes do not inflate (it passed in all four lane
// runs at load 24-56). listen-live-focus ran alone after its band missed a line on 3 of 20 layouts
// beside another file in one CI run; the race behind it (arrows heard a frame after line focus
// turned on) was fixed the same day, and it passed 40 layouts beside other files at load 10-14.
await vitest(
  'end-to-end and hostile tests (Chromium, two files at a time)',
  'vitest.browser.config.ts',
  'browser',
  `--exclude ${PATHOLOGICAL}`,
);
await vitest(
  'hostile pathological pages (Chromium, alone)',
  'vitest.hostile.config.ts',
  'hostile-pathological',
  PATHOLOGICAL,
  'HOSTILE_FIGURES_KEEP=1',
);

console.log(`\nSteps:\n${timings.join('\n')}`);
console.log(`  total: ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ✖ ${f}`).join('\n')}`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);

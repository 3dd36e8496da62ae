/**
 * `npm test`: everything CI runs, then one plain `N passed, N failed` line that sums every test
 * run (Vitest's own summary covers one run only). Steps that are checks rather than test suites
 * (type-check, lint, builds, web-ext lint) count as one test each.
 *
 * Two lanes run side by side, because a browser file mostly waits (on pages, the service worker, a
 * watchdog, a speech engine: its CPU time is a small part of its wall time) while the unit tests
 * are CPU work; one step after another, half of the two cores sat idle (README "Tests").
 *   - CPU lane: the unit tests (Vitest, two workers), from the start.
 *   - Browser lane: type-check and lint first (they must see the source tree before a build writes
 *     `.wxt/`); then packaging, `wxt zip` once per browser (each build shared by every later step);
 *     then, at once, web-ext lint over the Firefox build and three browser runs on the Chrome
 *     build: the end-to-end files two at a time, the hostile suite two files at a time, and the
 *     files that must not run beside each other (ONE_AT_A_TIME) one after another.
 * Then, alone on the machine, the one file whose bound is wall-clock time under load
 * (ALONE_AT_THE_END). Each browser file has its own Chromium, profile and fixture server on a port
 * of its own. Steps that run beside others write their output to test-results/logs/ and print it
 * whole when they end, so the CI log reads step by step.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const REPORTS = 'test-results/reports';
const LOGS = 'test-results/logs';
const timings: string[] = [];
/** Names of the tests that failed, printed again at the very end (CI logs show only their tail). */
const failures: string[] = [];
const started = Date.now();
const since = (at: number) => ((Date.now() - at) / 1000).toFixed(1);

/**
 * Runs one command. With `log`, its output goes to test-results/logs/<log>.log and is printed in
 * one piece when it ends (it runs beside other steps); without, it is shown as it comes.
 */
function run(label: string, command: string, log?: string): Promise<boolean> {
  const at = Date.now();
  console.log(`\n▶ ${label} (at ${since(started)} s): ${command}`);
  const file = log ? `${LOGS}/${log}.log` : '';
  const out = log ? createWriteStream(file) : null;
  const child = spawn(command, {
    shell: true,
    stdio: out ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: process.env,
  });
  child.stdout?.pipe(out!, { end: false });
  child.stderr?.pipe(out!, { end: false });
  return new Promise((resolve) => {
    child.on('close', async (code) => {
      if (out) await new Promise((done) => out.end(done));
      const ok = code === 0;
      if (out) console.log(`\n──── ${label} (output of ${file}) ────\n${readFileSync(file, 'utf8')}`);
      console.log(`${ok ? '✔' : '✖'} ${label} (${since(at)} s)`);
      timings.push(`  ${label}: ${since(at)} s (started at ${((at - started) / 1000).toFixed(1)} s)`);
      resolve(ok);
    });
  });
}

async function check(label: string, command: string, log?: string): Promise<boolean> {
  const ok = await run(label, command, log);
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

// One after another, never two at once, though beside the other lanes: the real-speech files share
// the machine's one speech-dispatcher and sound server, where two browsers speaking at once delay
// each other's utterances; page-thread traces the page's main thread, and judges Readmark by the
// CPU time of the long tasks its script ran in, which other processes do not inflate.
const ONE_AT_A_TIME = [
  'tests/e2e/page-thread.e2e.test.ts',
  'tests/e2e/listen-real-speech.e2e.test.ts',
  'tests/e2e/listen-live-real-speech.e2e.test.ts',
];
// Alone at the end: each pathological page must end in a preview or a message within the popup's
// 10 s watchdog plus 2 s, timed by the wall clock from the click, and capturing a 100,000-element
// page takes the content script seconds of CPU before the watchdog starts. Beside busy cores it
// ran past the bound on a loaded machine; alone it takes a few seconds per page.
const ALONE_AT_THE_END = 'tests/hostile/pathological.hostile.test.ts';

/**
 * Runs a Vitest suite with a JSON report and adds its test counts (a crash counts as one failure).
 * `args` are more Vitest options or the files to run.
 */
async function vitest(label: string, config: string, name: string, args = ''): Promise<void> {
  const report = `${REPORTS}/${name}.json`;
  const ok = await run(
    label,
    `npx vitest run -c ${config} ${args} --reporter=default --reporter=json --outputFile=${report}`,
    name,
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

async function browserLane(): Promise<void> {
  await check('type-check', 'npx tsc --noEmit', 'type-check');
  await check('lint and format', 'npx biome check .', 'lint');
  await check('chrome build + zip', 'npx wxt zip', 'chrome-build');
  const firefoxBuilt = await check('firefox build + zip', 'npx wxt zip -b firefox', 'firefox-build');
  await Promise.all([
    firefoxBuilt
      ? check('web-ext lint', 'npx web-ext lint --source-dir .output/firefox-mv3', 'web-ext-lint')
      : Promise.resolve(void total.failed++), // web-ext lint could not run
    vitest(
      'end-to-end tests (Chromium, two files at a time)',
      'vitest.e2e.config.ts',
      'e2e',
      `--fileParallelism --maxWorkers=2 ${ONE_AT_A_TIME.map((file) => `--exclude ${file}`).join(' ')}`,
    ),
    vitest(
      'hostile input and fault suite (Chromium, two files at a time)',
      'vitest.hostile.config.ts',
      'hostile',
      `--fileParallelism --maxWorkers=2 --exclude ${ALONE_AT_THE_END}`,
    ),
    vitest(
      'end-to-end page-thread and real-speech tests (Chromium, one file at a time)',
      'vitest.e2e.config.ts',
      'e2e-one-at-a-time',
      ONE_AT_A_TIME.join(' '),
    ),
  ]);
}

rmSync(REPORTS, { recursive: true, force: true });
rmSync(LOGS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
mkdirSync(LOGS, { recursive: true });
await Promise.all([vitest('unit tests', 'vitest.config.ts', 'unit'), browserLane()]);
// Keeps the figures the hostile run above recorded, so the summary printed at the end has them all.
process.env.HOSTILE_FIGURES_KEEP = '1';
await vitest(
  'hostile: pathological pages (Chromium, alone)',
  'vitest.hostile.config.ts',
  'hostile-alone',
  ALONE_AT_THE_END,
);

console.log(`\nSteps:\n${timings.join('\n')}`);
console.log(`  total: ${since(started)} s`);
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ✖ ${f}`).join('\n')}`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);

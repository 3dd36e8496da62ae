/**
 * `npm run bench:preview-worker -- --baseline DIR`: bench:preview's "extraction in the Worker"
 * stage alone, for two builds side by side in one Chromium, without the popup, the clicks and the
 * capture around it (whose noise is larger than a change to the pipeline's speed can be).
 *
 * The 30 pages bench:preview clicks are captured once, in Chromium, by the build's own capture
 * script. Each build's `extract-worker.js` then runs in a Worker of its own (a plain page on
 * 127.0.0.1), each page given to both builds in turn (the first alternating), timed by the Worker's
 * own marks (received → extracted) as the popup reads them:
 * - back to back (`BENCH_ROUNDS`, default 3, after a pass that warms both Workers): the pipeline's
 *   own cost on a warm Worker;
 * - after a pause (`BENCH_PAUSE` ms idle before each extraction, default 1000): as a popup's
 *   extraction comes, the Worker idle since the last one.
 * Both builds' results are compared page by page: a change meant to be output-identical prints
 * 30 / 30. The Worker's own folder is taken out of them first: in a Worker, linkedom gives the
 * Worker's address as a page's base URI when the page has no <base> (its window is the Worker's
 * globals), and Readability resolves the relative addresses the pipeline left against it.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchChromium } from '../e2e/browser';
import { startFixtureServer } from '../e2e/fixture-server';
import { baselineDir, fmt, pagesToServe, quantile } from './popup-extensions';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const PAUSE = Number(process.env.BENCH_PAUSE ?? 1000);

interface Capture {
  url: string;
  html: string;
}

const baseline = baselineDir();
const builds = [
  { name: 'this build', dir: EXTENSION_DIR, path: '/this/extract-worker.js' },
  ...(baseline ? [{ name: 'baseline', dir: baseline, path: '/base/extract-worker.js' }] : []),
];
const server = await startFixtureServer();
const pages = pagesToServe(Number(process.env.BENCH_PAGES) || 30);
for (const page of pages) server.route(page.path, page.html);
for (const build of builds)
  server.route(build.path, readFileSync(join(build.dir, 'extract-worker.js')), 'text/javascript');
server.route('/bench/worker.html', '<!doctype html><title>Worker bench</title>');
console.log(`load average ${loadavg()[0]!.toFixed(1)} at the start`);

const context = await launchChromium();
const tab = await context.newPage();
// The build's capture script: an unlisted script whose completion value is its promised result.
const captureScript = readFileSync(join(EXTENSION_DIR, 'capture.js'), 'utf8');
const captures: Capture[] = [];
for (const page of pages) {
  await tab.goto(server.origin + page.path, { waitUntil: 'load' });
  const { url, html } = await tab.evaluate<Capture>(captureScript);
  captures.push({ url, html });
}

await tab.goto(`${server.origin}/bench/worker.html`);
await tab.evaluate(
  (paths) => {
    Object.assign(globalThis, { benchWorkers: paths.map((path) => new Worker(path)) });
  },
  builds.map((b) => b.path),
);

/** One extraction in build `b`'s Worker: its own time (ms) and its result as JSON. */
const extract = (b: number, capture: Capture) =>
  tab.evaluate(
    ([b, capture, path]) =>
      new Promise<{ ms: number; result: string }>((answer) => {
        const worker = (globalThis as unknown as { benchWorkers: Worker[] }).benchWorkers[b]!;
        worker.onmessage = ({ data }) =>
          answer({
            ms: data.timing.extracted - data.timing.received,
            result: JSON.stringify(data.result).replaceAll(
              new URL('.', new URL(path, location.href)).href,
              '<worker>/',
            ),
          });
        worker.postMessage(capture);
      }),
    [b, capture, builds[b]!.path] as const,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const results: string[][] = builds.map(() => []);
for (const capture of captures)
  for (let b = 0; b < builds.length; b++) results[b]!.push((await extract(b, capture)).result);

/** Per build, per page, the times of `rounds` passes (the build first on a page alternating). */
async function measure(rounds: number, pause: number): Promise<number[][][]> {
  const times = builds.map(() => captures.map((): number[] => []));
  for (let round = 0; round < rounds; round++)
    for (const [i, capture] of captures.entries()) {
      const order = builds.map((_, b) => b);
      if ((round + i) % 2) order.reverse();
      for (const b of order) {
        if (pause) await sleep(pause);
        times[b]![i]!.push((await extract(b, capture)).ms);
      }
    }
  return times;
}

function report(title: string, times: number[][][]) {
  console.log(`\n== ${title} (load average ${loadavg()[0]!.toFixed(1)}) ==`);
  // Per page, the median of its passes and (several passes) the best: the other sessions on the
  // cores only ever add time, so the best pass is the nearest to the pipeline's own cost.
  const kinds: [string, (t: number[]) => number][] = [['median', (t) => quantile(t, 0.5)]];
  if ((times[0]?.[0]?.length ?? 0) > 1) kinds.push(['best', (t) => Math.min(...t)]);
  for (const [kind, of] of kinds) {
    const perPage = times.map((pageTimes) => pageTimes.map(of));
    const sums = perPage.map((ms) => ms.reduce((a, c) => a + c, 0));
    for (const [b, build] of builds.entries())
      console.log(
        `${build.name.padEnd(10)} ${kind.padEnd(6)} per page: p50 ${fmt(quantile(perPage[b]!, 0.5))} ms   p95 ${fmt(quantile(perPage[b]!, 0.95))} ms   sum of the ${perPage[b]!.length} pages ${fmt(sums[b]!)} ms`,
      );
    if (builds.length < 2) continue;
    const diffs = perPage[0]!.map((ms, i) => ms - perPage[1]![i]!);
    console.log(
      `  this build − baseline (${kind}), page by page: median ${quantile(diffs, 0.5).toFixed(1)} ms, faster on ${diffs.filter((d) => d < 0).length} / ${diffs.length}; sum ${(sums[0]! / sums[1]!).toFixed(2)}× the baseline's`,
    );
  }
}

report(`back to back, ${ROUNDS} passes, warm Workers`, await measure(ROUNDS, 0));
if (PAUSE) report(`each after ${PAUSE} ms idle, 1 pass`, await measure(1, PAUSE));
if (builds.length === 2) {
  const same = results[0]!.filter((result, i) => result === results[1]![i]).length;
  console.log(`\nresults identical to the baseline's: ${same} / ${captures.length}`);
  for (const [i, result] of results[0]!.entries())
    if (result !== results[1]![i]) console.log(`  differs: ${pages[i]!.path}`);
}
await context.close();
await server.close();

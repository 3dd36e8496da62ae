/**
 * `npm run bench:export`: the pure export layer at library scale.
 * - JSON backup of 10,000 articles (bodies 2–20 KB) + 10,000 highlights. Here, with the whole library
 *   in memory: createBackup (the file as one string), parseBackup (validated, whole) and
 *   verifyBackup, against plain JSON.stringify / JSON.parse of the same data measured in this run.
 *   Then in two child Nodes whose heap is capped at the 500 MB target (backup-heap.ts): the old
 *   way (whole library in memory, one string, parsed whole) and streamed as the settings page
 *   does it (library read a page at a time, written into a Blob, verified, previewed and imported
 *   record by record): export and import time and peak heap, or "out of memory".
 * - Markdown zip of 1,000 articles (toMarkdownZip), against zipping already-converted files.
 * - Peak memory (RSS and heap), sampled every 20 ms while each step runs.
 * Targets (from issue 6): export ≤ 10 s, import-parse ≤ 30 s, zip ≤ 5 s. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { strToU8, zipSync } from 'fflate';
import { createBackup, parseBackup, toMarkdownZip, verifyBackup } from '@/utils/export';
import { generateLibrary } from '../fixtures/export/generate-library';

const MB = 1024 * 1024;
// A full collection between steps, so each step's peak is its own and not the garbage of the last.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const rows: string[][] = [
  ['step', 'wall', 'CPU', 'baseline', 'ratio', 'peak RSS', 'peak heap', 'above start', 'target (wall)'],
];

interface Measured<T> {
  value: T;
  /** Wall-clock ms, and CPU ms (user + system, all threads: steadier when the machine is busy). */
  ms: number;
  cpu: number;
  rss: number;
  heap: number;
  /** Heap in use when the step started (after a full collection). */
  start: number;
}

async function measure<T>(run: () => T | Promise<T>): Promise<Measured<T>> {
  collect();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const start = process.memoryUsage().heapUsed;
  const timer = setInterval(sample, 20);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpuStart);
  clearInterval(timer);
  sample();
  return { value, ms, cpu: (cpuUsed.user + cpuUsed.system) / 1000, rss, heap, start };
}

function row(step: string, measured: Measured<unknown>, baselineMs: number | null, targetMs: number | null) {
  const { ms, cpu, rss, heap, start } = measured;
  rows.push([
    step,
    `${(ms / 1000).toFixed(2)} s`,
    `${(cpu / 1000).toFixed(2)} s`,
    baselineMs === null ? '' : `${(baselineMs / 1000).toFixed(2)} s`,
    baselineMs === null ? '' : `×${(ms / baselineMs).toFixed(1)}`,
    `${Math.round(rss / MB)} MB`,
    `${Math.round(heap / MB)} MB`,
    `${Math.round((heap - start) / MB)} MB`,
    targetMs === null ? '' : `≤ ${targetMs / 1000} s ${ms <= targetMs ? 'met' : 'MISSED'}`,
  ]);
}

const generated = await measure(() =>
  generateLibrary({ articles: 10_000, highlights: 10_000, bodyMin: 2_000, bodyMax: 20_000 }),
);
const library = generated.value;
const bodyChars = library.articles.reduce(
  (sum, a) => sum + a.content.contentHtml.length + a.content.textContent.length,
  0,
);
console.log(
  `library: 10,000 articles, 10,000 highlights, ${Math.round(bodyChars / MB)} M characters of bodies`,
);

const settings = { theme: 'sepia', fontSize: 18 };
/** Plain JSON.stringify then JSON.parse of the same data: the floor any JSON backup stands on. */
async function baselines(): Promise<{ out: number; in: number }> {
  const out = await measure(() => JSON.stringify({ ...library, settings }));
  row('baseline JSON.stringify', out, null, null);
  const back = await measure(() => JSON.parse(out.value) as unknown);
  row('baseline JSON.parse', back, null, null);
  return { out: out.ms, in: back.ms };
}
const baseline = await baselines();

/** The backup the old way, in a function so that the 320 MB backup text is garbage once it is done. */
async function inMemorySteps(): Promise<void> {
  const exported = await measure(() => createBackup({ ...library, settings }));
  if (!exported.value.ok) throw new Error(JSON.stringify(exported.value.error));
  const backup = exported.value.value;
  console.log(`backup: ${Math.round(Buffer.byteLength(backup, 'utf8') / MB)} MB of UTF-8`);
  row('in memory: createBackup (one string)', exported, baseline.out, 10_000);

  const parsed = await measure(async () => {
    const result = await parseBackup(backup);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    if (result.value.rejected.length) throw new Error(`rejected ${result.value.rejected.length} records`);
    return result.value.articles.length;
  });
  row('in memory: parseBackup (validated, whole)', parsed, baseline.in, 30_000);

  const verified = await measure(() => verifyBackup(backup, { articles: 10_000, highlights: 10_000 }));
  if (!verified.value.ok) throw new Error(JSON.stringify(verified.value.error));
  row('in memory: verifyBackup', verified, baseline.in, null);
}
await inMemorySteps();

/** The backup under the 500 MB heap target, in a child Node capped there (see backup-heap.ts). */
const HEAP_CAP_MB = 500;
function capped(mode: 'streamed' | 'in-memory'): void {
  const child = spawnSync('npx', ['tsx', 'tests/bench/backup-heap.ts', mode], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` },
  });
  const label = `${mode}, heap capped at ${HEAP_CAP_MB} MB`;
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    const oom = /heap out of memory|Reached heap limit/.test(child.stderr);
    rows.push([label, oom ? 'out of memory' : `failed (${child.stderr.trim().split('\n').at(-1)})`]);
    return;
  }
  const figures = JSON.parse(line) as Record<
    'exportMs' | 'exportCpu' | 'importMs' | 'importCpu' | 'peakHeap',
    number
  >;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const met = (ms: number, target: number) => `≤ ${target / 1000} s ${ms <= target ? 'met' : 'MISSED'}`;
  rows.push([
    `${label}: export (write + verify)`,
    s(figures.exportMs),
    s(figures.exportCpu),
    '',
    '',
    '',
    `${Math.round(figures.peakHeap / MB)} MB`,
    '',
    met(figures.exportMs, 10_000),
  ]);
  rows.push([
    `${label}: import (preview + import)`,
    s(figures.importMs),
    s(figures.importCpu),
    '',
    '',
    '',
    '(same run)',
    '',
    met(figures.importMs, 30_000),
  ]);
}
capped('in-memory');
capped('streamed');

const thousand = library.articles.slice(0, 1_000).map((article) => ({
  ...article,
  highlights: library.highlights.filter((h) => h.articleId === article.meta.id),
}));
const zipped = await measure(() => toMarkdownZip(thousand));
if (!zipped.value.ok) throw new Error(JSON.stringify(zipped.value.error));
const zippedInline = await measure(() => toMarkdownZip(thousand, { inlineHighlights: true }));
if (!zippedInline.value.ok) throw new Error(JSON.stringify(zippedInline.value.error));
const files = Object.fromEntries(thousand.map((a, i) => [`${i}.md`, strToU8(a.content.textContent)]));
const baselineZip = await measure(() => zipSync(files, { level: 6 }));
row('baseline zipSync of 1,000 bodies', baselineZip, null, null);
row('toMarkdownZip 1,000 articles', zipped, baselineZip.ms, 5_000);
row('… with inline highlights', zippedInline, baselineZip.ms, 5_000);
console.log(`markdown zip: ${(zipped.value.value.length / MB).toFixed(1)} MB`);

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
console.log(
  `load average at the end: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs`,
);
for (const r of rows)
  console.log(
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  );

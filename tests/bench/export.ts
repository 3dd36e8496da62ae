/**
 * `npm run bench:export`: the pure export layer at library scale.
 * - JSON backup of 10,000 articles (bodies 2–20 KB) + 10,000 highlights: createBackup, parseBackup
 *   (full validation) and verifyBackup, against plain JSON.stringify / JSON.parse of the same data
 *   measured in this run as the baseline.
 * - Markdown zip of 1,000 articles (toMarkdownZip), against zipping already-converted files.
 * - Peak memory (RSS and heap), sampled every 20 ms while each step runs.
 * Targets (from issue 6): export ≤ 10 s, import-parse ≤ 30 s, zip ≤ 5 s. Prints figures; asserts nothing.
 */
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
  ['step', 'wall', 'CPU', 'baseline', 'ratio', 'peak RSS', 'peak heap', 'target (wall)'],
];

interface Measured<T> {
  value: T;
  /** Wall-clock ms, and CPU ms (user + system, all threads: steadier when the machine is busy). */
  ms: number;
  cpu: number;
  rss: number;
  heap: number;
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
  const timer = setInterval(sample, 20);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpuStart);
  clearInterval(timer);
  sample();
  return { value, ms, cpu: (cpuUsed.user + cpuUsed.system) / 1000, rss, heap };
}

function row(step: string, measured: Measured<unknown>, baselineMs: number | null, targetMs: number | null) {
  const { ms, cpu, rss, heap } = measured;
  rows.push([
    step,
    `${(ms / 1000).toFixed(2)} s`,
    `${(cpu / 1000).toFixed(2)} s`,
    baselineMs === null ? '' : `${(baselineMs / 1000).toFixed(2)} s`,
    baselineMs === null ? '' : `×${(ms / baselineMs).toFixed(1)}`,
    `${Math.round(rss / MB)} MB`,
    `${Math.round(heap / MB)} MB`,
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

/** The backup steps, in a function so that the 320 MB backup text is garbage once they are done. */
async function backupSteps(): Promise<void> {
  const exported = await measure(() => createBackup({ ...library, settings }));
  if (!exported.value.ok) throw new Error(JSON.stringify(exported.value.error));
  const backup = exported.value.value;
  console.log(`backup: ${Math.round(Buffer.byteLength(backup, 'utf8') / MB)} MB of UTF-8`);
  row('createBackup', exported, baseline.out, 10_000);

  const parsed = await measure(async () => {
    const result = await parseBackup(backup);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    if (result.value.rejected.length) throw new Error(`rejected ${result.value.rejected.length} records`);
    return result.value.articles.length;
  });
  row('parseBackup (validated)', parsed, baseline.in, 30_000);

  const verified = await measure(() => verifyBackup(backup, { articles: 10_000, highlights: 10_000 }));
  if (!verified.value.ok) throw new Error(JSON.stringify(verified.value.error));
  row('verifyBackup', verified, baseline.in, null);
}
await backupSteps();

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

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log(
  `load average at the end: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs`,
);
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));

/**
 * One backup run under a heap cap, started by `npm run bench:export` in a child Node with
 * `--max-old-space-size` (the cap is the memory target): prints one JSON line of figures, or dies
 * out of memory. `streamed`: the library is generated a page at a time (in the extension it is in
 * IndexedDB, not the page's heap) and exported, verified, previewed and imported as the settings
 * page does it (the import's writes go to a counting sink). `in-memory`: the old way, the whole
 * library in memory, the file as one string, parsed whole.
 */
import { performance } from 'node:perf_hooks';
import {
  BackupWriter,
  createBackup,
  ImportPlanner,
  parseBackup,
  readBackup,
  verifyBackup,
} from '@/utils/export';
import type { Highlight } from '@/utils/model';
import { generateLibrary, type Library } from '../fixtures/export/generate-library';

const ARTICLES = 10_000;
const PAGE = 200;
const settings = { theme: 'sepia', fontSize: 18 };

/** Page `n` of the 10k library: 200 articles and 200 highlights with ids and addresses of their own. */
function page(n: number): Library {
  const lib = generateLibrary({
    articles: PAGE,
    highlights: PAGE,
    bodyMin: 2_000,
    bodyMax: 20_000,
    seed: n + 1,
  });
  const id = (old: string) => `${n}-${old}`;
  const url = (old: string) => old.replace('https://example.org/', `https://example.org/p${n}/`);
  return {
    articles: lib.articles.map(({ meta, content }) => ({
      meta: { ...meta, id: id(meta.id), url: url(meta.url), canonicalUrl: url(meta.canonicalUrl) },
      content: { ...content, articleId: id(content.articleId) },
    })),
    highlights: lib.highlights.map((h) => ({ ...h, id: id(h.id), articleId: id(h.articleId) })),
  };
}

let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 20);
/** Wall-clock and CPU ms (user + system: steadier than wall time on a busy machine). */
const timed = async <T>(run: () => Promise<T>) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpu: (used.user + used.system) / 1000 };
};
let generateMs = 0;
let generateCpu = 0;

async function streamed() {
  const exported = await timed(async () => {
    const writer = new BackupWriter();
    writer.setSettings(settings);
    const highlights: Highlight[] = [];
    for (let n = 0; n < ARTICLES / PAGE; n++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const lib = page(n);
      generateMs += performance.now() - started; // the database read, not the export
      const used = process.cpuUsage(cpu);
      generateCpu += (used.user + used.system) / 1000;
      for (const article of lib.articles) writer.article(article);
      highlights.push(...lib.highlights);
    }
    for (const highlight of highlights) writer.highlight(highlight);
    const file = writer.finish();
    const verified = await verifyBackup(file, { articles: ARTICLES, highlights: highlights.length });
    if (!verified.ok) throw new Error(JSON.stringify(verified.error));
    return file;
  });
  const file = exported.value;
  const imported = await timed(async () => {
    let previewed = 0;
    const preview = readBackup(file);
    for (let next = await preview.next(); !next.done; next = await preview.next()) previewed++;
    const planner = new ImportPlanner(new Map(), 'skip');
    const records = readBackup(file, { knownImages: new Set() });
    let written = 0;
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const record = next.value;
      if (
        record.kind === 'article'
          ? planner.article(record.value)
          : record.kind === 'highlight' && planner.highlight(record.value)
      )
        written++;
    }
    if (written !== previewed) throw new Error(`imported ${written} of ${previewed} records`);
  });
  return {
    exportMs: exported.ms - generateMs,
    exportCpu: exported.cpu - generateCpu,
    importMs: imported.ms,
    importCpu: imported.cpu,
    bytes: file.size,
  };
}

async function inMemory() {
  const library: Library = { articles: [], highlights: [] };
  for (let n = 0; n < ARTICLES / PAGE; n++) {
    const lib = page(n);
    library.articles.push(...lib.articles);
    library.highlights.push(...lib.highlights);
  }
  const exported = await timed(() => createBackup({ ...library, settings }));
  if (!exported.value.ok) throw new Error(JSON.stringify(exported.value.error));
  const text = exported.value.value;
  const imported = await timed(() => parseBackup(text));
  if (!imported.value.ok) throw new Error(JSON.stringify(imported.value.error));
  return {
    exportMs: exported.ms,
    exportCpu: exported.cpu,
    importMs: imported.ms,
    importCpu: imported.cpu,
    bytes: Buffer.byteLength(text),
  };
}

const figures = process.argv[2] === 'in-memory' ? await inMemory() : await streamed();
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().heapUsed);
console.log(JSON.stringify({ ...figures, peakHeap: peak }));

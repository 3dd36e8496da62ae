/**
 * `npm run bench:import`: a 10,000-entry Pocket export (2025 zip: two CSV parts, 2,000 items with
 * highlights in annotations JSON, generated here, never committed) imported without fetching:
 * parseImportFile (unzip, CSV, JSON, URL checks, merging) then planLibraryImport (the records to
 * write). Baseline measured in the same run: unzipping the same bytes and JSON.parse of a
 * same-sized array. The write into fake-indexeddb through the real transaction is printed too
 * (fake-indexeddb is far slower than a browser's IndexedDB: an upper bound, not a target).
 * Target (issue 14): parse + plan of 10,000 entries ≤ 10 s. Prints figures; asserts nothing.
 */
import 'fake-indexeddb/auto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { parseImportFile, planLibraryImport } from '@/utils/import';
import { applyImportPlan, openDb, readCanonicalUrlIndex } from '@/utils/storage';

const ENTRIES = 10_000;
const WORDS = ['harbour', 'walking', 'tea', 'ledger', 'bridge', 'river', '東京', 'البحر', 'bread', 'maps'];

function pocketZip(): Uint8Array {
  const rows = Array.from({ length: ENTRIES }, (_, i) => {
    const title = `${WORDS[i % WORDS.length]} story number ${i}, with a comma`;
    const url = `https://site${i % 97}.example/${WORDS[i % WORDS.length]}/${i}?utm_source=pocket_saves`;
    return `"${title}",${url},${1_600_000_000 + i * 60},${WORDS[i % 7]}|tag ${i % 50},${i % 3 ? 'unread' : 'archive'}`;
  });
  const header = 'title,url,time_added,tags,status';
  const half = ENTRIES / 2;
  const annotations = Array.from({ length: ENTRIES / 5 }, (_, k) => {
    const i = k * 5;
    return {
      url: `https://site${i % 97}.example/${WORDS[i % WORDS.length]}/${i}?utm_source=pocket_saves`,
      title: `story ${i}`,
      highlights: [
        { quote: `A passage of story ${i}\nthat goes over two lines.`, created_at: 1_600_000_100 + i },
        { quote: `Another passage of story ${i}.`, created_at: 1_600_000_200 + i },
      ],
    };
  });
  return zipSync({
    'part_000000.csv': strToU8([header, ...rows.slice(0, half)].join('\n')),
    'part_000001.csv': strToU8([header, ...rows.slice(half)].join('\n')),
    'annotations/part_000000.json': strToU8(JSON.stringify(annotations)),
  });
}

function time<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const bytes = pocketZip();
const parseHtml = (html: string) => parseHTML(html).document as unknown as Document;
const unzip = time(() => unzipSync(bytes));
const jsonBaseline = time(() =>
  JSON.parse(JSON.stringify(Array.from({ length: ENTRIES }, (_, i) => ({ i, u: `x${i}` })))),
);
const parsed = time(() => parseImportFile(bytes, parseHtml));
if (!parsed.value.ok) throw new Error(JSON.stringify(parsed.value.error));
const file = parsed.value.value;
const plan = time(() =>
  planLibraryImport(file, { existing: new Map(), extracted: new Map(), locate: () => null, now: Date.now() }),
);
const db = await openDb('bench-import');
const write = performance.now();
const applied = await applyImportPlan(db, plan.value, { sanitise: (html) => html });
const writeMs = performance.now() - write;
if (!applied.ok) throw new Error(JSON.stringify(applied.error));
const stored = (await readCanonicalUrlIndex(db)).size;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `machine: ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}; zip ${(bytes.length / 1024).toFixed(0)} KB`,
);
console.log(
  `file: ${file.articles} articles, ${file.highlights} highlights, ${file.tags} tags, ${file.skipped.length} skipped`,
);
console.log(
  `baseline  unzip ${s(unzip.ms)}, JSON round trip of ${ENTRIES} small objects ${s(jsonBaseline.ms)}`,
);
console.log(`parse     ${s(parsed.ms)}  (${(parsed.ms / unzip.ms).toFixed(1)}× unzip)`);
console.log(
  `plan      ${s(plan.ms)}  (${plan.value.putArticles.length} articles, ${plan.value.putHighlights.length} highlights)`,
);
console.log(`parse + plan: ${s(parsed.ms + plan.ms)}  (target ≤ 10 s)`);
console.log(`write into fake-indexeddb, one transaction: ${s(writeMs)}  (${stored} articles stored)`);

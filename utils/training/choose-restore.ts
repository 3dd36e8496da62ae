/**
 * Second step of `npm run train:extract`: for which page types the article should get back what
 * prepare's removal rules took out of it (the model's `restoreRemovals`). Rules written for news
 * pages ("comments", "related") can take a forum's posts or a listing's entries, which ARE the
 * content there. Decided on TRAIN pages only: the real pipeline runs on every train page the
 * model classifies as something other than an article, with and without restoring, and a type
 * restores when that gains at least MIN_GAIN shingle F1 on its pages. Articles keep the rules
 * (they were audited on articles, see audit-rules.ts) and are not re-run: it would double the
 * training time for the one type the rules were written for.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classifyPage, type ExtractModel, extractModel } from '@/utils/extraction';
import { PAGE_TYPES } from '@/utils/model';
import { loadTruth, readPageHtml } from './corpus';
import { readmarkText } from './evaluate';
import { aggregate, type PageScore, scorePage } from './metric';
import { MIN_GAIN, MODEL_FILE } from './model-file';
import { analyseCorpus, CACHE_ROOT } from './page-cache';
import { loadSplit, partOf } from './split';

/**
 * Where each page's pair of scores is kept, keyed by the extraction code and the model: a rerun
 * (or a second process started on the same step, `REVERSE=1` to work from the other end) skips
 * the pages already done.
 */
function resultsDir(): string {
  const hash = createHash('sha1');
  const dir = path.resolve(process.cwd(), 'utils/extraction');
  for (const file of readdirSync(dir).sort())
    if (file.endsWith('.ts')) hash.update(readFileSync(path.join(dir, file)));
  hash.update(readFileSync(MODEL_FILE));
  const out = path.join(CACHE_ROOT, `restore-${hash.digest('hex').slice(0, 12)}`);
  mkdirSync(out, { recursive: true });
  return out;
}

interface PagePair {
  rules: PageScore;
  restored: PageScore;
}

function main(): void {
  const truth = loadTruth();
  if (truth.length === 0) process.exit(1);
  const split = loadSplit();
  const model = extractModel();
  const cached = analyseCorpus(truth);
  const pages = truth.flatMap((page, i) => {
    const row = cached[i]!.pageRow;
    if (partOf(page, split) !== 'train' || row.length === 0) return [];
    const { pageType } = classifyPage(model, Float32Array.from(row));
    return pageType === 'article' ? [] : [{ page, pageType }];
  });
  console.log(
    `\nRestoring rule removals: ${pages.length} train pages not classified as articles, run twice…`,
  );
  const dir = resultsDir();
  // The loaded model is the one extraction uses: switching its list switches the pipeline.
  const live = model as ExtractModel;
  const order = process.env.REVERSE ? [...pages].reverse() : pages;
  order.forEach(({ page }, index) => {
    const file = path.join(dir, `${page.id}.json`);
    if (existsSync(file)) return;
    const html = readPageHtml(page.id);
    live.restoreRemovals = [];
    const rules = scorePage(page.main_content, readmarkText(html, page.url));
    live.restoreRemovals = [...PAGE_TYPES];
    const restored = scorePage(page.main_content, readmarkText(html, page.url));
    writeFileSync(file, JSON.stringify({ rules, restored } satisfies PagePair));
    if ((index + 1) % 50 === 0) process.stderr.write(`  ${index + 1}/${pages.length} pages\n`);
  });
  const scores = new Map<string, { rules: PageScore[]; restored: PageScore[] }>();
  for (const { page, pageType } of pages) {
    const pair = JSON.parse(readFileSync(path.join(dir, `${page.id}.json`), 'utf8')) as PagePair;
    const entry = scores.get(pageType) ?? { rules: [], restored: [] };
    entry.rules.push(pair.rules);
    entry.restored.push(pair.restored);
    scores.set(pageType, entry);
  }
  const chosen: string[] = [];
  for (const type of PAGE_TYPES) {
    const entry = scores.get(type);
    if (!entry) continue;
    const [rules, restored] = [aggregate(entry.rules).f1, aggregate(entry.restored).f1];
    const restore = restored >= rules + MIN_GAIN;
    if (restore) chosen.push(type);
    console.log(
      `  ${type.padEnd(13)} ${String(entry.rules.length).padStart(4)} train pages: F1 with rules ${rules.toFixed(4)}, restored ${restored.toFixed(4)} → ${restore ? 'restore' : 'keep the rules'}`,
    );
  }
  const file = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ExtractModel;
  writeFileSync(MODEL_FILE, `${JSON.stringify({ ...file, restoreRemovals: chosen })}\n`);
  console.log(`Wrote restoreRemovals [${chosen.join(', ')}] to ${MODEL_FILE}`);
}

main();

/**
 * Second step of `npm run train:extract`: how each page type is prepared. Rules written for news
 * pages ("comments", "related", a "cmp-" cookie class) can take a forum's posts or a listing's
 * entries, which ARE the content there. Three treatments, per page type the model predicts:
 * - `rules`: prepare's removal rules run (the default; articles always, the rules were audited on them);
 * - `restore`: the rules run, then what they took out of Readability's article is put back
 *   (the model's `restoreRemovals`);
 * - `gentle`: the page is prepared again without the rules (hidden elements still go), so that
 *   Readability chooses its article among everything (the model's `gentlePrepare`).
 * Decided on TRAIN pages only: the real pipeline runs on every train page, and once per treatment
 * on those the model classifies as something other than an article ("none": no article text). A type leaves `rules` for the best other
 * treatment only when that gains at least MIN_GAIN shingle F1 on its pages pooled and loses on
 * none of FOLDS folds by host (a gain one site's template carries is noise).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ExtractModel, extractFromHtml, extractModel } from '@/utils/extraction';
import { PAGE_TYPES } from '@/utils/model';
import { extractionCodeHash } from './code-hash';
import { hostOf, loadTruth, readPageHtml } from './corpus';
import { aggregate, type PageScore, scorePage } from './metric';
import { MIN_GAIN, MODEL_FILE, SEED } from './model-file';
import { CACHE_ROOT } from './page-cache';
import { hostFolds, loadSplit, partOf } from './split';

/**
 * Where each page's scores are kept, keyed by the extraction code that shapes the text and the
 * model: a rerun (or a second process started on the same step, `REVERSE=1` to work from the
 * other end) skips the pages already done. Metadata code (titles, authors, dates) is left out.
 */
function resultsDir(): string {
  const out = path.join(CACHE_ROOT, `treat-${extractionCodeHash([MODEL_FILE])}`);
  mkdirSync(out, { recursive: true });
  return out;
}
const FOLDS = 4;
const TREATMENTS = ['rules', 'restore', 'gentle'] as const;
type Treatment = (typeof TREATMENTS)[number];

type PageScores = Record<Treatment, PageScore>;
/** A train page's predicted type (from the default run) and, unless an article, its scores per treatment. */
interface PageResult {
  pageType: string;
  scores?: PageScores;
}

/**
 * Runs the pipeline on a page: with the rules (which says the page's predicted type), then, for
 * a page not classified as an article, under the other treatments (switched through the loaded
 * model, which extraction reads).
 */
function runPage(model: ExtractModel, html: string, page: { url: string; main_content: string }): PageResult {
  const run = (treatment: Treatment) => {
    model.restoreRemovals = treatment === 'restore' ? [...PAGE_TYPES] : [];
    model.gentlePrepare = treatment === 'gentle' ? [...PAGE_TYPES] : [];
    try {
      return extractFromHtml(html, { url: page.url });
    } catch {
      return null; // no article text: scored as an empty output
    }
  };
  const first = run('rules');
  const pageType = first?.pageType ?? 'none';
  if (pageType === 'article') return { pageType };
  const scores = { rules: scorePage(page.main_content, first?.textContent ?? '') } as PageScores;
  for (const treatment of TREATMENTS.slice(1))
    scores[treatment] = scorePage(page.main_content, run(treatment)?.textContent ?? '');
  return { pageType, scores };
}

/** The treatment for one page type's pages, and the line that says why. */
function chooseTreatment(pages: readonly { scores: PageScores; fold: number }[]): {
  choice: Treatment;
  report: string;
} {
  const f1 = (treatment: Treatment, some = pages) => aggregate(some.map((p) => p.scores[treatment])).f1;
  const base = f1('rules');
  let choice: Treatment = 'rules';
  const parts = [`rules ${base.toFixed(4)}`];
  for (const treatment of TREATMENTS.slice(1)) {
    const gains = Array.from({ length: FOLDS }, (_, fold) => pages.filter((p) => p.fold === fold))
      .filter((some) => some.length > 0)
      .map((some) => f1(treatment, some) - f1('rules', some));
    const pooled = f1(treatment);
    parts.push(`${treatment} ${pooled.toFixed(4)} (per fold ${gains.map((g) => g.toFixed(3)).join(' ')})`);
    if (pooled >= base + MIN_GAIN && gains.every((gain) => gain >= 0) && pooled > f1(choice))
      choice = treatment;
  }
  return { choice, report: parts.join(', ') };
}

function main(): void {
  const split = loadSplit();
  const pages = loadTruth().filter((page) => partOf(page, split) === 'train');
  if (pages.length === 0) process.exit(1);
  const model = extractModel() as ExtractModel;
  const foldOf = hostFolds(
    pages.map((page) => hostOf(page.url)),
    FOLDS,
    SEED,
  );
  console.log(
    `\nPage-type treatments: ${pages.length} train pages; those not classified as articles run under ${TREATMENTS.length} treatments…`,
  );
  const dir = resultsDir();
  const order = process.env.REVERSE ? [...pages].reverse() : pages;
  order.forEach((page, index) => {
    const file = path.join(dir, `${page.id}.json`);
    if (existsSync(file)) return;
    writeFileSync(file, JSON.stringify(runPage(model, readPageHtml(page.id), page)));
    if ((index + 1) % 50 === 0) process.stderr.write(`  ${index + 1}/${pages.length} pages\n`);
  });
  const byType = new Map<string, { scores: PageScores; fold: number }[]>();
  for (const page of pages) {
    const { pageType, scores } = JSON.parse(
      readFileSync(path.join(dir, `${page.id}.json`), 'utf8'),
    ) as PageResult;
    if (!scores) continue;
    byType.set(pageType, [...(byType.get(pageType) ?? []), { scores, fold: foldOf.get(hostOf(page.url))! }]);
  }
  const chosen: Record<'restore' | 'gentle', string[]> = { restore: [], gentle: [] };
  for (const type of PAGE_TYPES) {
    const some = byType.get(type);
    if (!some) continue;
    const { choice, report } = chooseTreatment(some);
    if (choice !== 'rules') chosen[choice].push(type);
    console.log(
      `  ${type.padEnd(13)} ${String(some.length).padStart(4)} train pages: F1 ${report} → ${choice}`,
    );
  }
  const file = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ExtractModel;
  writeFileSync(
    MODEL_FILE,
    `${JSON.stringify({ ...file, restoreRemovals: chosen.restore, gentlePrepare: chosen.gentle })}\n`,
  );
  console.log(
    `Wrote restoreRemovals [${chosen.restore.join(', ')}] and gentlePrepare [${chosen.gentle.join(', ')}] to ${MODEL_FILE}`,
  );
}

main();

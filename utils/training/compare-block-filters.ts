/**
 * `npx tsx utils/training/compare-block-filters.ts ['<JSON list of tree settings>']`: the block
 * filter as gradient-boosted trees against the shipped network, on held-out train pages only
 * (README, Model, round 15). Both are trained per fold on train-extract.ts's 4 host folds, from the
 * same rows and weights; page types come from the per-fold page networks, as the threshold chooser
 * sees them. For each filter it prints the AUC over the kept blocks of held-out predicted articles,
 * choose-threshold.ts's pick per page type (over every threshold and word limit train-extract.ts
 * tries, and for articles over the word-limited points only), and for articles the best F1 and the
 * fewest leaking pages within 0.001, 0.003 and 0.01 F1 of no filter under each limit.
 *
 * A tree setting is {"params": {XGBoost parameters}, "rounds": n}; the default is round 15's
 * depth 6, 150 rounds. Needs the page cache of train-extract.ts (built on first use) and
 * XGBoost under /usr/bin/python3 (trees.ts). Validation pages are never read.
 */
import { classifyPage, type ExtractModel, evaluateProbability, FEATURE_NAMES } from '@/utils/extraction';
import { PAGE_TYPES, type PageType } from '@/utils/model';
import { treesProbability } from './boosted-trees';
import { chooseThreshold, type ThresholdPoint } from './choose-threshold';
import { loadTruth } from './corpus';
import {
  blockTrainingSet,
  type Example,
  FOLDS,
  filterPoints,
  foldsByHost,
  jobsFor,
  MAX_WORDS,
  type Scored,
} from './held-out-filter';
import { SEED } from './model-file';
import { trainNetworks } from './network';
import { analyseCorpus } from './page-cache';
import { loadSplit, partOf } from './split';
import { type TreeOptions, trainTrees } from './trees';

const DEFAULT_TREES: TreeOptions[] = [
  { params: { max_depth: 6, eta: 0.1, tree_method: 'hist', seed: SEED }, rounds: 150 },
];

const pct = (share: number) => `${(100 * share).toFixed(1)}%`;

/** Area under the ROC curve: the chance a content block scores above a boilerplate one. */
function auc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((score, i) => [score, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  order.forEach(([, label], i) => {
    if (label) {
      positives++;
      rankSum += i + 1;
    }
  });
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / Math.max(1, positives * negatives);
}

function describe(point: ThresholdPoint): string {
  if (point.threshold === 0) return `off: F1 ${point.f1.toFixed(4)} / ${pct(point.leaks)}`;
  const limit = point.maxWords === undefined ? 'any block' : `≤ ${point.maxWords} words`;
  return `${point.threshold}, ${limit}: F1 ${point.f1.toFixed(4)} / ${pct(point.leaks)}`;
}

function printFigures(label: string, heldOut: readonly Scored[]): void {
  console.log(`\n== ${label}`);
  const articles = heldOut.filter((s) => s.pageType === 'article');
  const probabilities = articles.flatMap((s) => s.probabilities);
  const labels = articles.flatMap((s) => s.example.page.blocks.map((block) => block.label));
  console.log(`  AUC, kept blocks of held-out predicted articles: ${auc(probabilities, labels).toFixed(4)}`);
  for (const type of PAGE_TYPES) {
    const pages = heldOut.filter((s) => s.pageType === type);
    if (!pages.length) continue;
    const isArticle = type === 'article';
    const points = filterPoints(pages, isArticle ? MAX_WORDS : [undefined]);
    const off = points[0]!;
    const pick = (some: ThresholdPoint[]) => {
      const choice = chooseThreshold(some, isArticle);
      const at = some.find((p) => p.threshold === choice.threshold && p.maxWords === choice.maxWords) ?? off;
      const folds = at.foldF1.map((f1, i) => (f1 - off.foldF1[i]!).toFixed(4)).join(' ');
      return `${describe(at)} (${choice.why}; per fold ${folds})`;
    };
    console.log(
      `  ${type.padEnd(13)} ${String(pages.length).padStart(4)} pages: no filter F1 ${off.f1.toFixed(4)} / ${pct(off.leaks)} → ${pick(points)}`,
    );
    if (!isArticle) continue;
    const limited = [off, ...points.filter((p) => p.threshold > 0 && p.maxWords !== undefined)];
    console.log(`    word-limited points only → ${pick(limited)}`);
    for (const maxWords of MAX_WORDS) {
      const mine = points.filter((p) => p.threshold > 0 && p.maxWords === maxWords);
      const best = mine.reduce((a, b) => (b.f1 > a.f1 ? b : a));
      const within = (tolerance: number) => {
        const allowed = mine.filter((p) => p.f1 >= off.f1 - tolerance);
        if (!allowed.length) return 'none';
        return describe(
          allowed.reduce((a, b) => (b.leaks < a.leaks || (b.leaks === a.leaks && b.f1 > a.f1) ? b : a)),
        );
      };
      console.log(
        `    ${maxWords === undefined ? 'any block' : `≤ ${maxWords} words`}: best F1 ${describe(best)}; fewest leaks within 0.001 F1 ${within(0.001)}; 0.003 ${within(0.003)}; 0.01 ${within(0.01)}`,
      );
    }
  }
}

function main(): void {
  const settings = process.argv[2] ? (JSON.parse(process.argv[2]) as TreeOptions[]) : DEFAULT_TREES;
  const truth = loadTruth();
  if (truth.length === 0) process.exit(1);
  const split = loadSplit();
  const cached = analyseCorpus(truth);
  const train: Example[] = truth
    .map((page, i) => ({ truth: page, page: cached[i]! }))
    .filter(({ truth, page }) => page.pageRow.length > 0 && partOf(truth, split) === 'train');
  const folds = foldsByHost(train);
  const others = (fold: number) => folds.filter((_, i) => i !== fold).flat();
  console.log(
    `${train.length} train pages in ${FOLDS} host folds (${folds.map((f) => f.length).join(', ')} pages)`,
  );

  const networks = trainNetworks(folds.flatMap((_, fold) => jobsFor(`fold${fold}`, others(fold))));
  const pageTypes = new Map<Example, PageType>();
  folds.forEach((examples, fold) => {
    // classifyPage reads only the page network of a model.
    const model = {
      page: { ...networks.get(`fold${fold}:page`)!, classes: [...PAGE_TYPES] },
    } as ExtractModel;
    for (const example of examples)
      pageTypes.set(example, classifyPage(model, Float32Array.from(example.page.pageRow)).pageType);
  });
  const heldOut = (probability: (fold: number, row: Float32Array) => number): Scored[] =>
    folds.flatMap((examples, fold) =>
      examples.map((example) => ({
        example,
        fold,
        pageType: pageTypes.get(example)!,
        probabilities: example.page.blocks.map((block) => probability(fold, Float32Array.from(block.row))),
      })),
    );

  printFigures(
    'network (the shipped options)',
    heldOut((fold, row) => evaluateProbability(networks.get(`fold${fold}:block`)!, row)),
  );
  for (const options of settings) {
    const started = performance.now();
    const trees = trainTrees(
      folds.map((_, fold) => ({
        name: `fold${fold}`,
        features: FEATURE_NAMES,
        ...blockTrainingSet(others(fold)),
        options,
      })),
    );
    const seconds = (performance.now() - started) / 1000;
    const size = JSON.stringify(trees.get('fold0')!.trees).length / 1024;
    printFigures(
      `trees ${JSON.stringify(options)} (${seconds.toFixed(0)} s to train ${FOLDS} folds; ${size.toFixed(0)} KB of JSON a fold)`,
      heldOut((fold, row) => treesProbability(trees.get(`fold${fold}`)!, row)),
    );
  }
}

main();

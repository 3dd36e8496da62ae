/**
 * Step of `npm run train:extract` after train-extract.ts: trains the learned add-back (what
 * Readability dropped near its article that is content, add-back.ts) and chooses its threshold
 * per predicted page type, on TRAIN pages only:
 * - the network is trained on the add-back candidates of train pages (labels.ts: matched to the
 *   reviewed text), each page weighing once and a block within it by its share of the text;
 * - 4 folds by host within train give held-out probabilities; for each page type the shipped
 *   classifier predicts, the threshold with the best pooled held-out F1 among those that lose on
 *   no fold and (articles) raise the share of pages leaking a "without" snippet by less than one
 *   point goes on when it gains MIN_GAIN over adding nothing. Blocks holding a "without" snippet
 *   weigh LEAK_WEIGHT times as negatives.
 * Writes the network and the thresholds into extract-model.json; the other networks stay as they are.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  ADD_BACK_FEATURE_NAMES,
  type ExtractModel,
  evaluateProbability,
  FEATURE_NAMES,
} from '@/utils/extraction';
import { PAGE_TYPES } from '@/utils/model';
import { type AddBackPage, addBackCorpus, withAddedBlocks } from './add-back-data';
import { MIN_LEAK_DROP } from './choose-threshold';
import { hostOf, loadTruth, type TruthPage } from './corpus';
import { aggregate, scorePage, survivingSnippets } from './metric';
import { MIN_GAIN, MODEL_FILE, SEED } from './model-file';
import { type TrainJob, type TrainOptions, trainNetworks } from './network';
import { hostFolds, loadSplit, partOf } from './split';

const FOLDS = 4;
const THRESHOLDS = Array.from({ length: 10 }, (_, i) => Number((0.5 + 0.05 * i).toFixed(2)));
const OPTIONS: TrainOptions = {
  hidden: [16],
  outputs: 1,
  epochs: 30,
  batch: 256,
  rate: 0.002,
  l2: 3e-3,
  seed: SEED,
};
// Weight of a candidate holding a "without" snippet (of 1, 3, 5 and 10 tried on held-out train
// articles, 10 left the fewest leaking pages at the same F1: README, Model, round 8).
const LEAK_WEIGHT = 10;
/**
 * Held-out F1 gains closer than this to the best are a tie, and a tie goes to the highest
 * threshold, the one that adds the fewest blocks back: a retrain moves the gains by about that
 * much (round 12: the same code and data chose articles 0.75, then 0.65 by +0.0003 F1), and what
 * an add-back adds that it should not is a leak on the reader's page.
 */
const TIE = 0.0005;
const FEATURES = [...FEATURE_NAMES, ...ADD_BACK_FEATURE_NAMES];

interface Example {
  truth: TruthPage;
  page: AddBackPage;
  fold: number;
}

function job(name: string, examples: readonly Example[]): TrainJob {
  const rows: number[][] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (const { page, truth } of examples) {
    const candidates = page.blocks.filter((block) => block.row);
    const total = candidates.reduce((sum, block) => sum + block.text.length, 0) || 1;
    for (const block of candidates) {
      rows.push(block.row!);
      targets.push(block.label);
      // A block holding a "without" snippet is the boilerplate the issue counts: a weighted negative.
      const leaks = block.label === 0 && survivingSnippets(block.text, truth.without).length > 0;
      weights.push((leaks ? LEAK_WEIGHT : 1) * (0.5 / candidates.length + (0.5 * block.text.length) / total));
    }
  }
  const mean = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length);
  return { name, features: FEATURES, rows, targets, weights: weights.map((w) => w / mean), options: OPTIONS };
}

const pct = (share: number) => `${(100 * share).toFixed(1)}%`;

function main(): void {
  const split = loadSplit();
  const truth = loadTruth().filter((page) => partOf(page, split) === 'train');
  if (!truth.length) process.exit(1);
  console.log(`Add-back: analysing ${truth.length} train pages…`);
  const pages = addBackCorpus(truth);
  const foldOf = hostFolds(
    truth.map((page) => hostOf(page.url)),
    FOLDS,
    SEED,
  );
  const examples = truth
    .map((page, i): Example => ({ truth: page, page: pages[i]!, fold: foldOf.get(hostOf(page.url))! }))
    .filter(({ page }) => page.blocks.length);
  const networks = trainNetworks([
    ...Array.from({ length: FOLDS }, (_, fold) =>
      job(
        `fold${fold}`,
        examples.filter((example) => example.fold !== fold),
      ),
    ),
    job('final', examples),
  ]);
  // Held-out probability of every candidate block.
  const probabilities = new Map<Example, number[]>();
  for (const example of examples) {
    const network = networks.get(`fold${example.fold}`)!;
    probabilities.set(
      example,
      example.page.blocks.map((block) => (block.row ? evaluateProbability(network, block.row) : 0)),
    );
  }
  const thresholds: Record<string, number> = {};
  console.log('Add-back thresholds (held-out train pages by predicted type):');
  for (const type of PAGE_TYPES) {
    const some = examples.filter(({ page }) => page.pageType === type);
    if (!some.length) continue;
    const measure = (threshold: number) => {
      const texts = some.map((example) =>
        threshold > 0
          ? withAddedBlocks(example.page, (_, i) => probabilities.get(example)![i]! >= threshold)
          : example.page.readabilityText,
      );
      const f1Of = (keep: (example: Example) => boolean) =>
        aggregate(
          some.flatMap((example, i) =>
            keep(example) ? [scorePage(example.truth.main_content, texts[i]!)] : [],
          ),
        ).f1;
      return {
        threshold,
        f1: f1Of(() => true),
        foldF1: Array.from({ length: FOLDS }, (_, fold) => f1Of((example) => example.fold === fold)),
        leaks:
          some.filter((example, i) => survivingSnippets(texts[i]!, example.truth.without).length).length /
          some.length,
      };
    };
    const off = measure(0);
    const points = THRESHOLDS.map(measure);
    const holding = points.filter((point) => {
      const foldsHold = point.foldF1.every((f1, fold) => Number.isNaN(f1) || f1 >= off.foldF1[fold]! - 1e-9);
      // Articles: the leaking share may rise by less than the point the block filter must take
      // off to go on (choose-threshold.ts); other types are chosen on F1, as their filter is.
      const leaksHold = type !== 'article' || point.leaks < off.leaks + MIN_LEAK_DROP - 1e-9;
      return foldsHold && leaksHold;
    });
    const bestF1 = Math.max(off.f1, ...holding.map((point) => point.f1));
    // THRESHOLDS ascend: the last point in the tie is the highest threshold.
    const best = holding.findLast((point) => point.f1 > bestF1 - TIE && point.f1 > off.f1) ?? off;
    const on = best.f1 >= off.f1 + MIN_GAIN;
    thresholds[type] = on ? best.threshold : 0;
    const line = points
      .map(
        (p) =>
          `${p.threshold}: ${(p.f1 - off.f1).toFixed(4)} ${pct(p.leaks)} [${p.foldF1.map((f, i) => (f - off.foldF1[i]!).toFixed(3)).join(' ')}]`,
      )
      .join('; ');
    console.log(
      `  ${type.padEnd(13)} ${String(some.length).padStart(4)} pages: off F1 ${off.f1.toFixed(4)} leaking ${pct(off.leaks)} → ${thresholds[type]}\n    ${line}`,
    );
  }
  const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ExtractModel;
  model.addBack = { ...networks.get('final')!, thresholds };
  writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
  console.log(`Wrote the add-back network and thresholds into ${MODEL_FILE}`);
}

main();

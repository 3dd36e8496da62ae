/**
 * The learned models' file format and their evaluation: small multilayer perceptrons (dense
 * layers, ReLU between them) over standardised features. Pure arithmetic: runs in the Worker and
 * in Node alike. The weights are trained offline by utils/training (npm run train:extract).
 */

export const MODEL_FORMAT = 'readmark-extract-model';
export const MODEL_VERSION = 1;

export interface DenseLayer {
  /** Weights, row-major: inputs × outputs. */
  w: number[];
  b: number[];
}

export interface Network {
  /** Feature names, in input order: a model only runs on the features it was trained on. */
  features: string[];
  mean: number[];
  std: number[];
  layers: DenseLayer[];
}

export interface ExtractModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  /** What it was trained on and how (data, seed, date), for the record. */
  trainedOn: string;
  /** Block filter: one output, the probability that a block is main content. */
  block: Network;
  /** Page type classifier: one output per class (softmax). */
  page: Network & { classes: string[] };
  /** Per page type: blocks Readability kept are dropped below this probability. */
  thresholds: Record<string, number>;
  /**
   * Per page type: only kept blocks of at most this many words are the filter's to drop (absent:
   * any block). Most boilerplate that survives in an article is a short line ("Follow us", "Talk
   * to our experts", "Key Takeaways"); dropping a long paragraph by mistake costs far more F1.
   * Headings, captions, code, table cells and list items are never the filter's under a limit
   * (isStructural). Chosen with the threshold by utils/training/train-extract.ts.
   */
  filterMaxWords?: Record<string, number>;
  /**
   * Page types whose article gets back what prepare's removal rules took out of it (a forum's
   * posts are its content), chosen on train pages by utils/training/choose-restore.ts. Absent: none.
   */
  restoreRemovals?: string[];
  /**
   * Page types prepared again without the removal rules (hidden elements still go), chosen on
   * train pages by utils/training/choose-restore.ts. Absent: none.
   */
  gentlePrepare?: string[];
  /**
   * The learned add-back (add-back.ts): one output, the probability that a block Readability
   * dropped near its article is content; per page type, blocks at or above the threshold go back
   * (0 or absent: none). Trained by utils/training/train-add-back.ts. Absent: no add-back.
   */
  addBack?: Network & { thresholds: Record<string, number> };
}

/** Checks a parsed model file against the features this code computes. Throws with the reason. */
export function checkModel(
  data: unknown,
  blockFeatures: readonly string[],
  pageFeatures: readonly string[],
  addBackFeatures: readonly string[] = [],
): ExtractModel {
  const model = data as ExtractModel;
  if (!model || model.format !== MODEL_FORMAT) throw new Error('Not a Readmark extraction model file.');
  if (model.version !== MODEL_VERSION)
    throw new Error(`Extraction model version ${model.version}; this code reads version ${MODEL_VERSION}.`);
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(model.block.features, blockFeatures))
    throw new Error('The extraction model was trained on other block features: run npm run train:extract.');
  if (!same(model.page.features, pageFeatures))
    throw new Error('The extraction model was trained on other page features: run npm run train:extract.');
  if (model.addBack && !same(model.addBack.features, [...blockFeatures, ...addBackFeatures]))
    throw new Error(
      "The extraction model's add-back was trained on other features: run npm run train:extract.",
    );
  for (const network of [model.block, model.page, ...(model.addBack ? [model.addBack] : [])]) {
    let inputs = network.features.length;
    for (const layer of network.layers) {
      if (layer.w.length !== inputs * layer.b.length)
        throw new Error('The extraction model has a malformed layer.');
      inputs = layer.b.length;
    }
  }
  return model;
}

/** The network's raw outputs (logits) for one feature row. */
export function evaluate(network: Network, row: ArrayLike<number>): number[] {
  let values = Array.from(row, (x, i) => (x - network.mean[i]!) / network.std[i]!);
  network.layers.forEach((layer, index) => {
    const outputs = layer.b.length;
    const next = layer.b.slice();
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (x === 0) continue;
      const offset = i * outputs;
      for (let j = 0; j < outputs; j++) next[j]! += x * layer.w[offset + j]!;
    }
    values = index < network.layers.length - 1 ? next.map((v) => Math.max(0, v)) : next;
  });
  return values;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** A one-output network's probability for one feature row. */
export const evaluateProbability = (network: Network, row: ArrayLike<number>): number =>
  sigmoid(evaluate(network, row)[0]!);

export function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((x) => Math.exp(x - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((x) => x / sum);
}

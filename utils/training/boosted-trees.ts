/**
 * Gradient-boosted decision trees as train_trees.py writes them (trained by XGBoost), and their
 * evaluation: pure arithmetic over a feature row. Used by compare-block-filters.ts to put trees
 * beside the shipped network as the block filter (README, Model, round 15; not shipped).
 *
 * Each tree is stored in pre-order, as parallel arrays: node i is a leaf when `feature[i]` is −1
 * (its output is `value[i]`), else it sends a row to node i + 1 when the row's feature is below
 * `value[i]` and to node `no[i]` otherwise. A missing value (NaN) goes where XGBoost sent the
 * training rows that lacked the feature: to i + 1 when `missingYes[i]` is 1, else to `no[i]`.
 * Comparisons are made in single precision, as XGBoost makes them.
 */

export interface Tree {
  feature: number[];
  value: number[];
  no: number[];
  missingYes: number[];
}

export interface BoostedTrees {
  /** Feature names, in input order: the trees only run on the features they were trained on. */
  features: string[];
  /** Added to the trees' outputs (the logit of XGBoost's base score). */
  base: number;
  trees: Tree[];
}

/** Throws with the reason when a parsed ensemble is malformed (a child out of range, arrays of different lengths). */
export function checkTrees(model: BoostedTrees): void {
  const width = model.features.length;
  if (!Number.isFinite(model.base) || !Array.isArray(model.trees))
    throw new Error('The extraction model has malformed trees.');
  for (const tree of model.trees) {
    const size = tree.feature.length;
    const ok =
      size > 0 &&
      tree.value.length === size &&
      tree.no.length === size &&
      tree.missingYes.length === size &&
      tree.feature.every((f, i) => {
        if (f === -1) return Number.isFinite(tree.value[i]);
        // Both children come after the node, so every walk ends at a leaf.
        return (
          Number.isInteger(f) &&
          f >= 0 &&
          f < width &&
          i + 1 < size &&
          Number.isInteger(tree.no[i]) &&
          tree.no[i]! > i + 1 &&
          tree.no[i]! < size
        );
      });
    if (!ok) throw new Error('The extraction model has a malformed tree.');
  }
}

/** The ensemble's raw output (a logit) for one feature row. */
export function treesMargin(model: BoostedTrees, row: ArrayLike<number>): number {
  let sum = model.base;
  for (const { feature, value, no, missingYes } of model.trees) {
    let node = 0;
    for (let f = feature[0]!; f !== -1; f = feature[node]!) {
      const x = row[f]!;
      const yes = Number.isNaN(x) ? missingYes[node] === 1 : Math.fround(x) < Math.fround(value[node]!);
      node = yes ? node + 1 : no[node]!;
    }
    sum += value[node]!;
  }
  return sum;
}

/** The ensemble's probability for one feature row (binary:logistic: the margin's sigmoid). */
export const treesProbability = (model: BoostedTrees, row: ArrayLike<number>): number =>
  1 / (1 + Math.exp(-treesMargin(model, row)));

import { describe, expect, it } from 'vitest';
import {
  type BoostedTrees,
  checkTrees,
  treesMargin,
  treesProbability,
} from '../../../utils/training/boosted-trees';

// One split on feature 1 at 0.5: below → 0.25, else → −0.75; a missing value goes the "yes" way.
const stump = {
  feature: [1, -1, -1],
  value: [0.5, 0.25, -0.75],
  no: [2, 0, 0],
  missingYes: [1, 0, 0],
};
// Depth 2: feature 0 < 2 → (feature 2 < −1 → 1, else 2), else → 3; missing on feature 0 goes "no",
// on feature 2 "yes". Pre-order: 0 split, 1 split, 2 leaf, 3 leaf, 4 leaf.
const deeper = {
  feature: [0, 2, -1, -1, -1],
  value: [2, -1, 1, 2, 3],
  no: [4, 3, 0, 0, 0],
  missingYes: [0, 1, 0, 0, 0],
};
const model = (trees: BoostedTrees['trees'], base = 0): BoostedTrees => ({
  features: ['a', 'b', 'c'],
  base,
  trees,
});

describe('boosted trees', () => {
  it('walks a split: below the threshold to the next node, at or above it to the "no" child', () => {
    expect(treesMargin(model([stump]), [0, 0.49, 0])).toBe(0.25);
    expect(treesMargin(model([stump]), [0, 0.5, 0])).toBe(-0.75);
    expect(treesMargin(model([stump]), [0, 7, 0])).toBe(-0.75);
  });

  it('sends a missing value (NaN) where the tree says, as XGBoost does', () => {
    expect(treesMargin(model([stump]), [0, Number.NaN, 0])).toBe(0.25);
    expect(treesMargin(model([deeper]), [Number.NaN, 0, -5])).toBe(3);
    expect(treesMargin(model([deeper]), [0, 0, Number.NaN])).toBe(1);
    expect(treesMargin(model([deeper]), [0, 0, -1])).toBe(2);
  });

  it('adds the base and every tree', () => {
    expect(treesMargin(model([stump, deeper], 0.5), [1, 0, -2])).toBe(0.5 + 0.25 + 1);
    expect(treesMargin(model([stump, deeper], 0.5), [3, 0.6, 0])).toBe(0.5 - 0.75 + 3);
    expect(treesMargin(model([]), [1, 2, 3])).toBe(0);
    expect(treesProbability(model([stump], Math.log(3) - 0.25), [0, 0, 0])).toBeCloseTo(0.75);
  });

  it('compares in single precision, as XGBoost does with its float32 rows', () => {
    // 0.3 as a double is below single-precision 0.3 (0.30000001192…), but equal to it in float32.
    const split = { ...stump, value: [Math.fround(0.3), 0.25, -0.75] };
    expect(0.3 < Math.fround(0.3)).toBe(true);
    expect(treesMargin(model([split]), [0, 0.3, 0])).toBe(-0.75);
    expect(treesMargin(model([split]), Float32Array.from([0, 0.29999, 0]))).toBe(0.25);
  });

  it('refuses malformed trees with the reason', () => {
    expect(() => checkTrees(model([stump, deeper]))).not.toThrow();
    const bad = (tree: Partial<typeof stump>) => () => checkTrees(model([{ ...stump, ...tree }]));
    expect(bad({ feature: [3, -1, -1] })).toThrow(/malformed tree/);
    expect(bad({ no: [1, 0, 0] })).toThrow(/malformed tree/);
    expect(bad({ no: [5, 0, 0] })).toThrow(/malformed tree/);
    expect(bad({ value: [0.5, 0.25] })).toThrow(/malformed tree/);
    expect(bad({ feature: [1, -1, 0] })).toThrow(/malformed tree/);
    expect(bad({ value: [0.5, Number.NaN, 1] })).toThrow(/malformed tree/);
    expect(() => checkTrees({ ...model([]), base: Number.NaN })).toThrow(/malformed trees/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ADD_BACK_FEATURE_NAMES,
  checkModel,
  extractModel,
  FEATURE_NAMES,
  MODEL_FORMAT,
  MODEL_VERSION,
  type Network,
  PAGE_FEATURE_NAMES,
} from '@/utils/extraction';
import { PAGE_TYPES } from '@/utils/model';
import modelFile from '../../../utils/extraction/extract-model.json';
import { evaluate, softmax } from '../../../utils/extraction/learned-model';

describe('the shipped extraction model', () => {
  it('loads: right format and version, trained on the features this code computes', () => {
    const model = extractModel();
    expect(model.format).toBe(MODEL_FORMAT);
    expect(model.version).toBe(MODEL_VERSION);
    expect(model.block.features).toEqual(FEATURE_NAMES);
    expect(model.page.features).toEqual(PAGE_FEATURE_NAMES);
    expect(model.page.classes).toEqual([...PAGE_TYPES]);
    for (const type of PAGE_TYPES) {
      expect(model.thresholds[type]).toBeGreaterThanOrEqual(0);
      expect(model.thresholds[type]).toBeLessThan(1);
    }
  });

  it('stays small (the Worker ships it)', () => {
    expect(JSON.stringify(modelFile).length).toBeLessThan(300 * 1024);
  });

  it('refuses another version or other features', () => {
    const model = structuredClone(modelFile) as unknown as { version: number; block: { features: string[] } };
    expect(() => checkModel({ ...model, version: 99 }, FEATURE_NAMES, PAGE_FEATURE_NAMES)).toThrow(
      /version 99/,
    );
    const renamed = structuredClone(model);
    renamed.block.features[0] = 'something_else';
    expect(() => checkModel(renamed, FEATURE_NAMES, PAGE_FEATURE_NAMES)).toThrow(/other block features/);
    expect(() => checkModel({ format: 'x' }, FEATURE_NAMES, PAGE_FEATURE_NAMES)).toThrow(/Not a Readmark/);
    // The add-back reads the block features and its own placement features, in that order.
    expect(() => checkModel(model, FEATURE_NAMES, PAGE_FEATURE_NAMES, ADD_BACK_FEATURE_NAMES)).not.toThrow();
    expect(() => checkModel(model, FEATURE_NAMES, PAGE_FEATURE_NAMES, ['something_else'])).toThrow(
      /add-back was trained on other features/,
    );
  });

  it('gives the same output for the same input', () => {
    const { block } = extractModel();
    const row = FEATURE_NAMES.map((_, i) => (i % 7) / 7);
    expect(evaluate(block, row)).toEqual(evaluate(block, row));
  });
});

describe('network evaluation', () => {
  // 2 inputs → 2 hidden (ReLU) → 1 output, by hand.
  const network: Network = {
    features: ['a', 'b'],
    mean: [1, 0],
    std: [2, 1],
    layers: [
      { w: [1, -1, 2, 1], b: [0, 0.5] },
      { w: [1, -2], b: [0.25] },
    ],
  };

  it('standardises, applies ReLU between layers and none after the last', () => {
    // x = [(3 − 1) / 2, 1] = [1, 1]; hidden = relu([1 + 2, −1 + 1 + 0.5]) = [3, 0.5]; out = 3 − 1 + 0.25.
    expect(evaluate(network, [3, 1])).toEqual([2.25]);
    // hidden = relu([−1 − 2, 1 − 1 + 0.5]) = [0, 0.5]: the negative unit is cut.
    expect(evaluate(network, [-1, -1])).toEqual([-0.75]);
  });

  it('softmax sums to one and keeps the order', () => {
    const p = softmax([1, 3, 2]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(p[1]).toBeGreaterThan(p[2]!);
    expect(p[2]).toBeGreaterThan(p[0]!);
  });
});

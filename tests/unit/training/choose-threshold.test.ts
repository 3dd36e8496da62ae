import { describe, expect, it } from 'vitest';
import {
  chooseThreshold,
  F1_TOLERANCE,
  FOLD_TOLERANCE,
  MIN_LEAK_DROP,
  type ThresholdPoint,
} from '../../../utils/training/choose-threshold';
import { MIN_GAIN } from '../../../utils/training/model-file';

const off: ThresholdPoint = { threshold: 0, f1: 0.9, leaks: 0.12, foldF1: [0.9, 0.9, 0.9, 0.9] };
const point = (threshold: number, f1: number, leaks: number, foldF1 = [f1, f1, f1, f1]): ThresholdPoint => ({
  threshold,
  f1,
  leaks,
  foldF1,
});

describe('chooseThreshold (held-out F1 and leaking share)', () => {
  it('takes the threshold with the fewest leaking pages among those that keep F1', () => {
    const choice = chooseThreshold([
      off,
      point(0.2, 0.9, 0.11),
      point(0.4, 0.9 - F1_TOLERANCE / 2, 0.09),
      // Fewer leaks still, but it gives up too much F1.
      point(0.8, 0.9 - 2 * F1_TOLERANCE, 0.05),
    ]);
    expect(choice).toEqual({ threshold: 0.4, why: 'fewer leaks' });
  });

  it('breaks a tie in leaks by the higher F1', () => {
    expect(chooseThreshold([off, point(0.3, 0.899, 0.1), point(0.5, 0.9, 0.1)]).threshold).toBe(0.5);
  });

  it('refuses a threshold that loses too much on one fold, even when the pooled F1 holds', () => {
    const lopsided = point(0.5, 0.9, 0.05, [0.9 + FOLD_TOLERANCE, 0.9, 0.9, 0.9 - 2 * FOLD_TOLERANCE]);
    expect(chooseThreshold([off, lopsided])).toEqual({ threshold: 0, why: 'off' });
  });

  it('stays off when the leaks fall by less than MIN_LEAK_DROP and F1 gains less than MIN_GAIN', () => {
    const small = point(0.5, 0.9 + MIN_GAIN / 2, off.leaks - MIN_LEAK_DROP / 2);
    expect(chooseThreshold([off, small])).toEqual({ threshold: 0, why: 'off' });
  });

  it('still switches on for F1 alone, when every fold gains', () => {
    const better = point(0.6, 0.9 + 2 * MIN_GAIN, off.leaks + 0.01);
    expect(chooseThreshold([off, better])).toEqual({ threshold: 0.6, why: 'higher F1' });
    const oneFoldLoses = point(0.6, 0.9 + 2 * MIN_GAIN, off.leaks, [0.95, 0.95, 0.95, 0.899]);
    expect(chooseThreshold([off, oneFoldLoses]).why).toBe('off');
  });

  it('looks at F1 alone when leaks do not count', () => {
    expect(chooseThreshold([off, point(0.4, 0.9, 0.05)], false)).toEqual({ threshold: 0, why: 'off' });
  });

  it('returns the word limit of the point it chose (the filter may drop only blocks that short)', () => {
    const limited = { ...point(0.6, 0.9, 0.08), maxWords: 12 };
    expect(chooseThreshold([off, point(0.3, 0.9, 0.1), limited])).toEqual({
      threshold: 0.6,
      maxWords: 12,
      why: 'fewer leaks',
    });
  });

  it('needs threshold 0 (no filter) first', () => {
    expect(() => chooseThreshold([point(0.5, 0.9, 0.1)])).toThrow(/threshold 0/);
  });
});

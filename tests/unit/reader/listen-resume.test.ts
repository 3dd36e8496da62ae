import { describe, expect, test } from 'vitest';
import { parsePositions, positionOf, resumeIndex, withPosition } from '@/utils/model';

const sentences = ['One fish.', 'Two fish.', 'Red fish.', 'Blue fish.'].map((text) => ({ text }));

describe('listen resume position', () => {
  test('resumes at the saved sentence', () => {
    expect(resumeIndex(sentences, positionOf(sentences, 2, 1))).toBe(2);
  });

  test('follows the sentence when the text before it changed', () => {
    const saved = positionOf(sentences, 2, 1);
    const edited = [{ text: 'A new opening.' }, ...sentences];
    expect(resumeIndex(edited, saved)).toBe(3);
  });

  test('starts over when the sentence is gone or nothing was saved', () => {
    expect(resumeIndex(sentences, { sentence: 1, text: 'Vanished.', at: 1 })).toBe(0);
    expect(resumeIndex(sentences, undefined)).toBe(0);
  });

  test('withPosition replaces, removes, and forgets the oldest beyond 200 articles', () => {
    let all = withPosition({}, 'a', positionOf(sentences, 1, 1));
    all = withPosition(all, 'a', positionOf(sentences, 3, 2));
    expect(all.a?.sentence).toBe(3);
    expect(withPosition(all, 'a', null)).toEqual({});
    for (let i = 0; i < 205; i++) all = withPosition(all, `id${i}`, positionOf(sentences, 1, 10 + i));
    expect(Object.keys(all)).toHaveLength(200);
    expect(all.a).toBeUndefined(); // the oldest
    expect(all.id204).toBeDefined();
  });

  test('parsePositions drops malformed entries', () => {
    expect(
      parsePositions({
        ok: { sentence: 2, text: 'Red fish.', at: 5 },
        negative: { sentence: -1, text: '', at: 5 },
        noText: { sentence: 1, at: 5 },
        junk: 'x',
      }),
    ).toEqual({ ok: { sentence: 2, text: 'Red fish.', at: 5 } });
    expect(parsePositions('nonsense')).toEqual({});
  });
});

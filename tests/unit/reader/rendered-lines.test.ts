import { describe, expect, test } from 'vitest';
import { groupLines, type LineBox, lineIndexAt, windowAround } from '@/components/shared/rendered-lines';

const box = (top: number, bottom: number, left = 0, right = 100): LineBox => ({ top, bottom, left, right });

describe('groupLines', () => {
  test('fragments on the same line (a link, bold, a superscript) make one line; the next line is another', () => {
    const lines = groupLines([
      box(130, 152, 0, 300), // line 2, first fragment
      box(100, 122, 0, 120), // line 1: text
      box(100, 122, 120, 180), // line 1: a link
      box(96, 110, 180, 190), // line 1: a superscript, higher and smaller
      box(100, 122, 190, 400), // line 1: text after it
      box(130, 152, 300, 380), // line 2: bold
    ]);
    expect(lines).toEqual([box(96, 122, 0, 400), box(130, 152, 0, 380)]);
  });

  test('lines set tight enough to overlap a little stay apart', () => {
    expect(groupLines([box(0, 26), box(22, 48), box(44, 70)])).toHaveLength(3);
  });

  test('empty boxes are dropped, and nothing gives no lines', () => {
    expect(groupLines([box(10, 10), box(5, 20, 50, 50)])).toEqual([]);
    expect(groupLines([])).toEqual([]);
  });
});

describe('lineIndexAt', () => {
  const lines = [box(100, 122), box(130, 152), box(200, 222)];

  test('the line containing y, else the nearest (a paragraph gap splits between its lines)', () => {
    expect(lineIndexAt(lines, 110)).toBe(0);
    expect(lineIndexAt(lines, 140)).toBe(1);
    expect(lineIndexAt(lines, 160)).toBe(1);
    expect(lineIndexAt(lines, 195)).toBe(2);
    expect(lineIndexAt(lines, 0)).toBe(0);
    expect(lineIndexAt(lines, 9999)).toBe(2);
    expect(lineIndexAt([], 10)).toBe(-1);
  });
});

describe('windowAround', () => {
  const lines = [box(0, 20), box(30, 50), box(60, 80), box(90, 110), box(120, 140)];

  test('1, 3 or 5 lines centred on the line, clamped at the ends of the article', () => {
    expect(windowAround(lines, 2, 1)).toEqual({ top: 60, bottom: 80 });
    expect(windowAround(lines, 2, 3)).toEqual({ top: 30, bottom: 110 });
    expect(windowAround(lines, 2, 5)).toEqual({ top: 0, bottom: 140 });
    expect(windowAround(lines, 0, 3)).toEqual({ top: 0, bottom: 50 });
    expect(windowAround(lines, 4, 5)).toEqual({ top: 60, bottom: 140 });
  });
});

import { describe, expect, test } from 'vitest';
import { findAnchor, scrollDeltaFor } from '@/components/reader/reading-anchor';

/** An article of `heights.length` paragraphs stacked from `top` with `gap` px between them; rects are faked (no layout here). */
function article(heights: number[], top: number, gap = 20) {
  const root = document.createElement('article');
  let y = top;
  const paragraphs = heights.map((height) => {
    const p = root.appendChild(document.createElement('p'));
    const rectTop = y;
    p.getBoundingClientRect = () => ({ top: rectTop, bottom: rectTop + height, height }) as DOMRect;
    y += height + gap;
    return p;
  });
  document.body.append(root);
  return { root, paragraphs };
}

describe('findAnchor', () => {
  test('finds the paragraph crossing the line, and how far down it the line falls', () => {
    const { root, paragraphs } = article([100, 100, 100, 100], -150); // tops at -150, -30, 90, 210
    const anchor = findAnchor(root, 40);
    expect(anchor?.element).toBe(paragraphs[1]);
    expect(anchor?.ratio).toBeCloseTo(0.7);
    expect(anchor?.gap).toBe(0);
  });

  test('in the gap between paragraphs: the next one, and how far below the line it starts', () => {
    const { root, paragraphs } = article([100, 100, 100], -150); // bottoms at -50, 70; next top 90
    const anchor = findAnchor(root, 80);
    expect(anchor).toMatchObject({ element: paragraphs[2], ratio: 0, gap: 10 });
  });

  test('nothing when the whole article is above the line, or empty', () => {
    expect(findAnchor(article([50, 50], -500).root, 80)).toBeNull();
    expect(findAnchor(document.createElement('article'), 80)).toBeNull();
  });

  test('binary search agrees with a linear scan on a long article', () => {
    const heights = Array.from({ length: 301 }, (_, i) => 20 + ((i * 37) % 90));
    const { root, paragraphs } = article(heights, -12_000);
    for (const line of [0, 80, 333, 5000]) {
      const expected = paragraphs.find((p) => p.getBoundingClientRect().bottom > line) ?? null;
      expect(findAnchor(root, line)?.element ?? null).toBe(expected);
    }
  });
});

describe('scrollDeltaFor', () => {
  test('how far to scroll to bring the same point of the paragraph back to the line', () => {
    const { root, paragraphs } = article([100, 100], 0);
    const anchor = findAnchor(root, 50)!; // half-way down the first paragraph
    // The text reflowed: the paragraph is now 200 px tall and starts 400 px down.
    paragraphs[0]!.getBoundingClientRect = () => ({ top: 400, bottom: 600, height: 200 }) as DOMRect;
    expect(scrollDeltaFor(anchor, 50)).toBe(400 + 100 - 50);
  });

  test('keeps the gap when the line was above the paragraph', () => {
    const anchor = { element: article([100], 30).paragraphs[0]!, ratio: 0, gap: 30 };
    expect(scrollDeltaFor(anchor, 0)).toBe(0);
  });

  test('null once the paragraph has left the page', () => {
    const { root, paragraphs } = article([100], 0);
    const anchor = findAnchor(root, 50)!;
    paragraphs[0]!.remove();
    expect(scrollDeltaFor(anchor, 50)).toBeNull();
  });
});

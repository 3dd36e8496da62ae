/**
 * The block of text at the reading line: how far down that block the line falls (0..1), or, when
 * the line is in the gap above the block, how far below the line the block starts (px).
 */
export interface ReadingAnchor {
  element: Element;
  ratio: number;
  gap: number;
}

// Blocks a reader's eye rests on; nested ones (an img in a figure) are fine, the search copes.
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, figure, img, blockquote, pre, table, hr';

/**
 * The block crossing `lineY` (a viewport y, just under the tool bar), found by binary search over
 * the article's blocks in document order; null above the first or in an empty article.
 */
export function findAnchor(article: Element, lineY: number): ReadingAnchor | null {
  const blocks = article.querySelectorAll(BLOCKS);
  let low = 0;
  let high = blocks.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (blocks[middle]!.getBoundingClientRect().bottom > lineY) {
      found = middle;
      high = middle - 1;
    } else {
      low = middle + 1;
    }
  }
  if (found < 0) return null;
  const element = blocks[found]!;
  const rect = element.getBoundingClientRect();
  const offset = lineY - rect.top;
  if (offset < 0) return { element, ratio: 0, gap: -offset };
  return { element, ratio: rect.height > 0 ? Math.min(1, offset / rect.height) : 0, gap: 0 };
}

/**
 * How far to scroll (a delta for scrollBy) so the anchor's block sits at `lineY` again after the
 * text reflowed; null when the block is no longer in the page.
 */
export function scrollDeltaFor(anchor: ReadingAnchor, lineY: number): number | null {
  if (!anchor.element.isConnected) return null;
  const rect = anchor.element.getBoundingClientRect();
  return Math.round(rect.top + anchor.ratio * rect.height - anchor.gap - lineY);
}

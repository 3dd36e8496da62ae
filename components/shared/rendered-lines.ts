/** A rendered line of text, in document coordinates (px from the top-left of the page). */
export interface LineBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Groups the boxes of text fragments into the lines the browser laid out: a fragment that shares
 * at least half of its height (or the line's, if smaller) with the line above it (a link, a word
 * in bold, a superscript) joins that line, otherwise it starts the next one. Consecutive lines may
 * touch or overlap a little when the line height is tight; never by half. Empty boxes are dropped.
 */
export function groupLines(boxes: readonly LineBox[]): LineBox[] {
  const sorted = boxes
    .filter((box) => box.bottom > box.top && box.right > box.left)
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const lines: LineBox[] = [];
  for (const box of sorted) {
    const last = lines.at(-1);
    const shared = last ? Math.min(last.bottom, box.bottom) - Math.max(last.top, box.top) : 0;
    if (last && shared > Math.min(last.bottom - last.top, box.bottom - box.top) / 2) {
      last.top = Math.min(last.top, box.top);
      last.bottom = Math.max(last.bottom, box.bottom);
      last.left = Math.min(last.left, box.left);
      last.right = Math.max(last.right, box.right);
    } else lines.push({ ...box });
  }
  return lines;
}

/**
 * The rendered lines of the text under `root`: one Range per text node, whose getClientRects()
 * gives a box per line the node spans, grouped with groupLines. Whitespace between blocks is
 * skipped. Layout is read once per text node (a long article takes a few milliseconds); callers
 * keep the result until the layout changes.
 */
export function measureLines(root: Element): LineBox[] {
  const range = root.ownerDocument.createRange();
  range.selectNodeContents(root);
  return measureRangeLines([range]);
}

/**
 * The rendered lines of the text inside `ranges` (the article's paragraphs on a live page), each
 * text node cut to the range. Boxes are read per text node, never for whole elements: a range's
 * own getClientRects() also lists the border box of every element it contains.
 */
export function measureRangeLines(ranges: readonly Range[]): LineBox[] {
  const boxes: LineBox[] = [];
  for (const range of ranges) {
    const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
    const win = doc.defaultView!;
    const part = doc.createRange();
    const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType !== 3 || !range.intersectsNode(node) || !/\S/.test(node.nodeValue ?? '')) continue;
      part.selectNodeContents(node);
      if (node === range.startContainer) part.setStart(node, range.startOffset);
      if (node === range.endContainer) part.setEnd(node, range.endOffset);
      for (const rect of part.getClientRects())
        boxes.push({
          top: rect.top + win.scrollY,
          bottom: rect.bottom + win.scrollY,
          left: rect.left + win.scrollX,
          right: rect.right + win.scrollX,
        });
    }
  }
  return groupLines(boxes);
}

/**
 * The index of the line at document height `y`: the line that contains it, else the nearest one
 * (the gap between two paragraphs belongs to whichever line is closer). -1 when there are none.
 */
export function lineIndexAt(lines: readonly LineBox[], y: number): number {
  if (lines.length === 0) return -1;
  let low = 0;
  let high = lines.length - 1;
  // The first line whose bottom is at or below y.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lines[middle]!.bottom < y) low = middle + 1;
    else high = middle;
  }
  const line = lines[low]!;
  if (y >= line.top || low === 0) return low;
  const above = lines[low - 1]!;
  return y - above.bottom < line.top - y ? low - 1 : low;
}

/** The band a focus window of `count` lines covers, centred on line `index` (clamped at the ends). */
export function windowAround(
  lines: readonly LineBox[],
  index: number,
  count: number,
): { top: number; bottom: number } {
  const half = (count - 1) >> 1;
  const first = Math.max(0, index - half);
  const last = Math.min(lines.length - 1, index + half);
  return { top: lines[first]!.top, bottom: lines[last]!.bottom };
}

/**
 * Scrolls the least that brings `line` (document coordinates) between `topInset` and
 * `bottomInset` px from the viewport's edges; instantly when the reader prefers reduced motion.
 */
export function keepLineInView(win: Window, line: LineBox, topInset: number, bottomInset: number) {
  const top = line.top - win.scrollY;
  const bottom = line.bottom - win.scrollY;
  const low = win.innerHeight - bottomInset;
  const delta = top < topInset ? top - topInset : bottom > low ? bottom - low : 0;
  if (delta === 0) return;
  const reduce = win.matchMedia('(prefers-reduced-motion: reduce)').matches;
  win.scrollBy({ top: delta, behavior: reduce ? 'instant' : 'smooth' });
}

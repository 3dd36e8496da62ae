import { modelOf } from './model-of';
import type { TextModel } from './text-model';
import { rawPositionOf } from './text-offsets';

/** The part `[start, end)` of one text node's data. */
export interface TextSlice {
  node: Text;
  start: number;
  end: number;
}

const BLANK = /^\s*$/;

/**
 * Splits a Range into the visible text-node pieces it covers, in document order, for painting
 * where the CSS Custom Highlight API is missing (the caller wraps each piece, e.g. in a
 * `<readmark-mark>` element, after `splitText`). Pieces in skipped or hidden content and
 * whitespace-only pieces (often between blocks, where an inline wrapper is invalid) are left out.
 * Reads the DOM only.
 */
export function splitRangeByTextNode(root: Node | TextModel, range: Range): TextSlice[] {
  const model = modelOf(root);
  const { nodes, nodeStarts } = model;
  const from = rawPositionOf(model, range.startContainer, range.startOffset);
  const to = rawPositionOf(model, range.endContainer, range.endOffset);
  const slices: TextSlice[] = [];
  for (let k = 0; k < nodes.length; k++) {
    const nodeStart = nodeStarts[k]!;
    const nodeEnd = nodeStarts[k + 1]!;
    if (nodeEnd <= from) continue;
    if (nodeStart >= to) break;
    const node = nodes[k]!;
    const start = Math.max(0, from - nodeStart);
    const end = Math.min(node.data.length, to - nodeStart);
    if (end > start && !BLANK.test(node.data.slice(start, end))) slices.push({ node, start, end });
  }
  return slices;
}

import type { TextModel } from './text-model';

/** A half-open span of a text model's `text`. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Index of the first element of `arr[0..length)` that is >= `value` (arr non-decreasing). */
function lowerBound(arr: Int32Array, value: number, length = arr.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `node` is `root` or inside it. */
function within(root: Node, node: Node): boolean {
  return root === node || root.contains(node);
}

/**
 * The raw position of a DOM boundary point: in a model text node, its own offset; anywhere else,
 * the start of the first model text node after the point (or the total length).
 */
export function rawPositionOf(model: TextModel, container: Node, offset: number): number {
  const index = model.nodeIndex.get(container);
  if (index !== undefined) return model.nodeStarts[index]! + offset;
  // The node after the boundary, in document order.
  let node: Node | null = container.childNodes[offset] ?? null;
  let from: Node | null = container;
  if (!node) {
    while (from && from !== model.root && !from.nextSibling) from = from.parentNode;
    node = from && from !== model.root ? from.nextSibling : null;
  }
  while (node) {
    const found = model.nodeIndex.get(node);
    if (found !== undefined) return model.nodeStarts[found]!;
    if (node.firstChild) node = node.firstChild;
    else {
      while (node && node !== model.root && !node.nextSibling) node = node.parentNode;
      node = node && node !== model.root ? node.nextSibling : null;
    }
  }
  return model.nodeStarts[model.nodes.length]!;
}

/**
 * The offset in `model.text` of a DOM boundary point: how many model characters lie before it.
 * Where a block edge's space stands right at the point, a range's start (`side` 'start') leaves
 * it before the point and a range's end leaves it after.
 */
export function pointToTextOffset(
  model: TextModel,
  container: Node,
  offset: number,
  side: 'start' | 'end' = 'start',
): number {
  const raw = rawPositionOf(model, container, offset);
  const index = lowerBound(model.rawPos, raw);
  const edgeHere = model.virtual[index] === 1 && model.rawPos[index] === raw;
  return side === 'start' && edgeHere ? index + 1 : index;
}

/**
 * The span of `model.text` that a DOM Range covers, or null when the range is outside the
 * model's root. Whitespace at either end is kept: callers trim if they want to.
 */
export function rangeToTextOffsets(model: TextModel, range: Range): TextSpan | null {
  if (!within(model.root, range.startContainer) || !within(model.root, range.endContainer)) return null;
  const start = pointToTextOffset(model, range.startContainer, range.startOffset);
  const end = pointToTextOffset(model, range.endContainer, range.endOffset, 'end');
  return { start, end: Math.max(start, end) };
}

/** The DOM point of a raw position; `endSide` prefers the end of a node over the next node's start. */
function rawToPoint(model: TextModel, raw: number, endSide: boolean): [Node, number] {
  const { nodes, nodeStarts } = model;
  if (nodes.length === 0) return [model.root, 0];
  // Node k holds raw positions [nodeStarts[k], nodeStarts[k + 1]).
  let k = lowerBound(nodeStarts, raw + 1, nodes.length) - 1;
  if (endSide && k > 0 && nodeStarts[k] === raw) k--;
  k = Math.max(0, Math.min(nodes.length - 1, k));
  return [nodes[k]!, Math.min(raw - nodeStarts[k]!, nodes[k]!.data.length)];
}

/** Both ends of a span as DOM points: the shape of a StaticRangeInit. */
export interface BoundaryPoints {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

/**
 * The DOM points of `model.text[start, end)`, both in text nodes (offsets are clamped to the
 * text). Virtual characters (block edges) take no room in the DOM. Needs no Range support, so it
 * also serves DOMs without it (linkedom) and `new StaticRange(points)`.
 */
export function textOffsetsToPoints(model: TextModel, start: number, end: number): BoundaryPoints {
  const length = model.text.length;
  const s = Math.max(0, Math.min(start, length));
  const e = Math.max(s, Math.min(end, length));
  const total = model.nodeStarts[model.nodes.length]!;
  const startRaw = s < length ? model.rawPos[s]! : total;
  const [startContainer, startOffset] = rawToPoint(model, startRaw, false);
  if (e === s) return { startContainer, startOffset, endContainer: startContainer, endOffset: startOffset };
  const endRaw = model.rawPos[e - 1]! + (model.virtual[e - 1] ? 0 : 1);
  const [endContainer, endOffset] = rawToPoint(model, endRaw, true);
  return { startContainer, startOffset, endContainer, endOffset };
}

/** A DOM Range over `model.text[start, end)` (see textOffsetsToPoints). */
export function textOffsetsToRange(model: TextModel, start: number, end: number): Range {
  const points = textOffsetsToPoints(model, start, end);
  const range = model.doc.createRange();
  // Select the start node first: setStart on a fresh range compares the point with the
  // document's start, which jsdom does by walking the tree.
  range.selectNodeContents(points.startContainer);
  range.setStart(points.startContainer, points.startOffset);
  range.setEnd(points.endContainer, points.endOffset);
  return range;
}

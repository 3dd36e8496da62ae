/**
 * The learned add-back: blocks Readability dropped that sit near its article and that a second
 * small network (trained on such blocks, labelled by matching to the reviewed text) judges content
 * with high confidence go back into the article, in page order, each as its own block.
 */
import type { Placement } from './add-back-features';
import { BLOCK_MARK, BLOCK_TAGS, type Block, isInside } from './blocks';
import { evaluateProbability, type Network } from './learned-model';
import { someElement } from './walk-elements';

/** Blocks fewer than this many blocks away from a kept one may come back even outside its container. */
export const NEAR_KEPT = 10;

/** Which blocks the add-back may consider: dropped, not hidden, inside the article's container or near a kept block. */
export function addBackCandidates(
  blocks: readonly Block[],
  kept: readonly boolean[],
  places: readonly Placement[],
): boolean[] {
  return blocks.map((block, i) => {
    const place = places[i]!;
    if (kept[i] || !place.row.length || isInside(block, 'hidden')) return false;
    return place.insideContainer || place.distance < NEAR_KEPT;
  });
}

/** The add-back network's input for each candidate (others: an empty row): the block filter's features, then the placement's. */
export function addBackRows(
  features: readonly Float32Array[],
  places: readonly Placement[],
  candidates: readonly boolean[],
): Float32Array[] {
  return features.map((row, i) => {
    if (!candidates[i]) return new Float32Array(0);
    const place = places[i]!.row;
    const out = new Float32Array(row.length + place.length);
    out.set(row);
    out.set(place, row.length);
    return out;
  });
}

/** Which blocks go back: candidates whose add-back probability reaches the threshold. */
export function chooseAddBack(
  network: Network,
  rows: readonly Float32Array[],
  candidates: readonly boolean[],
  threshold: number,
): number[] {
  return candidates.flatMap((candidate, i) =>
    candidate && evaluateProbability(network, rows[i]!) >= threshold ? [i] : [],
  );
}

// Structure an added block must not land inside unless it is one of its items: a paragraph put
// after a list item goes after the list.
const ITEM_TAGS = new Set(['li', 'dt', 'dd', 'td', 'th', 'tr', 'caption']);
const FRAME_TAGS = new Set(['ul', 'ol', 'dl', 'menu', 'table', 'thead', 'tbody', 'tfoot', 'tr']);
const KEEP_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote']);

/**
 * Puts the `added` blocks (indexes, ascending) into Readability's article in page order: each
 * goes after the last kept (or added) block before it, else before the first kept block. Each is
 * a new element of its own (a heading stays a heading, a list item next to list items stays an
 * item, anything else becomes a paragraph) holding the block's own inline content, never its
 * child blocks (those are blocks of their own), so nothing glues and nothing comes twice.
 */
export function addBlocks(
  doc: Document,
  content: Element,
  blocks: readonly Block[],
  elements: ReadonlyMap<number, Element>,
  added: readonly number[],
): void {
  if (!added.length) return;
  const adding = new Set(added);
  let anchor: Element | null = null;
  const pending: Element[] = [];
  blocks.forEach((block, i) => {
    const kept = elements.get(i);
    if (kept && content.contains(kept)) {
      // Blocks added before the first kept one go in front of it.
      for (const el of pending) placeBefore(kept, el, content);
      pending.length = 0;
      anchor = kept;
      return;
    }
    if (!adding.has(i)) return;
    const el = rebuild(doc, block, anchor);
    if (anchor) anchor = placeAfter(anchor, el, content);
    else pending.push(el);
  });
  for (const el of pending) content.appendChild(el);
}

function rebuild(doc: Document, block: Block, anchor: Element | null): Element {
  const asItem = block.tag === 'li' && anchor?.localName === 'li';
  const el = doc.createElement(asItem || KEEP_TAGS.has(block.tag) ? block.tag : 'p');
  // Readability may have renamed or emptied the block's element: then its text is all there is.
  const intact = block.texts.every((text) => block.el.contains(text));
  if (!intact) {
    el.textContent = block.text;
    return el;
  }
  for (const node of [...block.el.childNodes]) {
    if (node.nodeType === 3) el.appendChild(node.cloneNode());
    else if (
      node.nodeType === 1 &&
      !someElement(node as Element, isBlockLevel) &&
      !isBlockLevel(node as Element)
    )
      el.appendChild(node.cloneNode(true));
  }
  return el;
}

const isBlockLevel = (el: Element) => BLOCK_TAGS.has(el.localName) || el.hasAttribute(BLOCK_MARK);

/** Climbs out of list and table structure (not past the article's root) unless `el` is an item there. */
function levelFor(target: Element, el: Element, content: Element): Element {
  if (ITEM_TAGS.has(el.localName) && target.localName === el.localName) return target;
  let at = target;
  while (
    at.parentElement &&
    at.parentElement !== content &&
    (ITEM_TAGS.has(at.localName) || FRAME_TAGS.has(at.parentElement.localName))
  )
    at = at.parentElement;
  return at;
}

function placeAfter(anchor: Element, el: Element, content: Element): Element {
  levelFor(anchor, el, content).after(el);
  return el;
}

function placeBefore(next: Element, el: Element, content: Element): void {
  levelFor(next, el, content).before(el);
}

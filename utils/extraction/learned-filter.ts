/**
 * The learned filter over Readability's result. Readability still chooses the article; the block
 * model then decides, block by block, which of the blocks it kept are really content, with a
 * threshold chosen per page type (a forum thread's posts are the content, a product grid's cards
 * are not). What the model drops goes into the removal trace like any prepared removal, so the
 * reader sees it and can restore it.
 */
import type { PageType } from '@/utils/model';
import { BLOCK_MARK, BLOCK_TAGS, type Block, isInside } from './blocks';
import { type ExtractModel, evaluate, sigmoid, softmax } from './learned-model';
import { MARKER_TAG, type Prepared } from './prepare';
import { LEARNED_LABEL, MARKER_PREFIX } from './removed-blocks';
import { resolveMedia } from './resolve-media';
import { someElement, walkElements } from './walk-elements';

/** Probabilities per class of the model's page classifier, and the most likely class. */
export function classifyPage(
  model: ExtractModel,
  row: Float32Array,
): { pageType: PageType; scores: number[] } {
  const scores = softmax(evaluate(model.page, row));
  let best = 0;
  scores.forEach((score, index) => {
    if (score > scores[best]!) best = index;
  });
  return { pageType: (model.page.classes[best] ?? 'article') as PageType, scores };
}

/** The model's content probability for each block (NaN for blocks Readability dropped: not asked). */
export function blockProbabilities(
  model: ExtractModel,
  rows: readonly Float32Array[],
  kept: readonly boolean[],
): number[] {
  return rows.map((row, i) => (kept[i] ? sigmoid(evaluate(model.block, row)[0]!) : Number.NaN));
}

/**
 * Which blocks the result keeps: Readability kept them and the model's probability reaches the
 * threshold. With `droppable`, a block it marks false stays whatever its probability (the filter
 * may drop only short blocks that are no structure: filterMaxWords, droppableBlocks).
 */
export function decideBlocks(
  kept: readonly boolean[],
  probabilities: readonly number[],
  threshold: number,
  droppable?: readonly boolean[],
): boolean[] {
  return kept.map((wasKept, i) => wasKept && (droppable?.[i] === false || probabilities[i]! >= threshold));
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Which blocks the filter may drop: every one without a word limit (undefined); with one, those of
 * at most `maxWords` words that are no part of the article's structure (`structural`, isStructural
 * in the pipeline, the page cache's flag in training).
 */
export function droppableBlocks<B extends { text: string }>(
  blocks: readonly B[],
  maxWords: number | undefined,
  structural: (block: B) => boolean,
): boolean[] {
  if (maxWords === undefined) return blocks.map(() => true);
  return blocks.map((block) => hasAtMostWords(block.text, maxWords) && !structural(block));
}

/** Whether `text` holds at most `max` words; counts no further than max + 1 (a long paragraph costs no more than a short one). */
function hasAtMostWords(text: string, max: number): boolean {
  WORD.lastIndex = 0;
  for (let words = 0; WORD.exec(text); )
    if (++words > max) {
      WORD.lastIndex = 0;
      return false;
    }
  return true;
}

const HEADING_TAG = /^h[1-6]$/;
const STRUCTURE_TAGS = new Set(['figcaption', 'caption', 'pre', 'li', 'dt', 'dd', 'td', 'th']);
const STRUCTURE_CONTAINERS = ['heading', 'figure', 'list', 'table'] as const;
// Class tokens of a caption or a credit, as match-rule reads captions ("wp-caption-text").
const CAPTION_TOKENS = new Set(['caption', 'credit', 'credits', 'figcaption']);

/**
 * A short block that is structure, not a line of boilerplate: a heading (h1–h6, role=heading), a
 * figure's caption or credit, a code line, a table cell or a list item. Short lines of those kinds
 * are as often real content (a subheading, "Photo: Jane Doe", `load_rows(path)`) as boilerplate,
 * so the word-limited filter leaves them to Readability (README, Model, round 10).
 */
export function isStructural(block: Block): boolean {
  const { tag, el } = block;
  return (
    HEADING_TAG.test(tag) ||
    STRUCTURE_TAGS.has(tag) ||
    STRUCTURE_CONTAINERS.some((container) => isInside(block, container)) ||
    el.getAttribute('role') === 'heading' ||
    block.nearTokens.some((token) => CAPTION_TOKENS.has(token)) ||
    el.closest('pre') !== null
  );
}

/**
 * Readability's article's blocks: a block is kept when its stamped element is in the article, or
 * else when one of its text nodes is (Readability moved it out of the stamped element). A block
 * found by its text stands for the nearest block-level element holding that text below the
 * article's root, unless that is another block's (then it has no element of its own to remove).
 * Stamps still count: when Readability retries, it rebuilds the page from its HTML, which carries
 * the stamps but not the original text nodes.
 */
export function keptBlocks(
  content: Element,
  blocks: readonly Block[],
): { kept: boolean[]; elements: Map<number, Element> } {
  const kept = new Array<boolean>(blocks.length).fill(false);
  const elements = new Map<number, Element>();
  walkElements(content, (el) => {
    const mark = el.getAttribute(BLOCK_MARK);
    if (mark !== null) {
      const index = Number(mark);
      if (index >= 0 && index < blocks.length && !elements.has(index)) {
        kept[index] = true;
        elements.set(index, el);
      }
    }
    return true;
  });
  blocks.forEach((block, index) => {
    if (kept[index]) return;
    for (const text of block.texts) {
      const { inside, holder } = placeIn(text, content);
      if (!inside) continue;
      kept[index] = true;
      const mark = holder?.getAttribute(BLOCK_MARK) ?? null;
      if (holder && (mark === null || mark === String(index))) elements.set(index, holder);
      return;
    }
  });
  return { kept, elements };
}

/** Whether `node` is inside `root`, and the nearest block-level element holding it below `root`. */
function placeIn(node: Node, root: Element): { inside: boolean; holder: Element | null } {
  let holder: Element | null = null;
  for (let parent = node.parentElement; parent; parent = parent.parentElement) {
    if (parent === root) return { inside: true, holder };
    if (!holder && (BLOCK_TAGS.has(parent.localName) || parent.hasAttribute(BLOCK_MARK))) holder = parent;
  }
  return { inside: false, holder: null };
}

const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'figure', 'iframe', 'table']);
const LEARNED = { rule: 'learned', label: LEARNED_LABEL };

/**
 * Takes the dropped blocks out of Readability's article, each replaced by a removal marker that
 * standardise turns into the trace. A block that holds other blocks (a <div> with loose text and
 * child paragraphs) loses only its own loose text and inline elements.
 */
export function removeBlocks(
  doc: Document,
  blocks: readonly Block[],
  elements: ReadonlyMap<number, Element>,
  drop: readonly number[],
  prepared: Prepared,
): void {
  for (const index of drop) {
    const el = elements.get(index);
    if (!el?.parentNode) continue;
    // Readability renames and wraps elements (a <div>'s text becomes a new <p>), so a block's
    // element may hold other blocks' text without their stamps: any block-level child counts.
    const isBlockLevel = (child: Element) =>
      BLOCK_TAGS.has(child.localName) || child.hasAttribute(BLOCK_MARK);
    const holdsBlocks = someElement(el, isBlockLevel);
    let removed: Element = el;
    if (holdsBlocks) {
      removed = doc.createElement('div');
      const loose = [...el.childNodes].filter((node) => {
        if (node.nodeType === 3) return true;
        if (node.nodeType !== 1) return false;
        const child = node as Element;
        return (
          !isBlockLevel(child) &&
          !MEDIA.has(child.localName) &&
          !someElement(child, (inner) => isBlockLevel(inner) || MEDIA.has(inner.localName))
        );
      });
      if (!loose.some((node) => node.textContent?.trim())) continue;
      const marker = doc.createElement(MARKER_TAG);
      el.insertBefore(marker, loose[0]!);
      for (const node of loose) removed.appendChild(node);
      marker.setAttribute('id', `${MARKER_PREFIX}${prepared.removals.length}`);
    } else {
      const marker = doc.createElement(MARKER_TAG);
      marker.setAttribute('id', `${MARKER_PREFIX}${prepared.removals.length}`);
      el.replaceWith(marker);
    }
    const sample = blocks[index]!.text.slice(0, 120);
    prepared.removals.push({ ...LEARNED, sample, el: removed });
  }
}

/**
 * Puts back, inside Readability's article, the elements prepare's removal rules took out (their
 * markers survived Readability), with links and media made absolute as prepare would have. Hidden
 * elements stay out: plain Readability drops them too. What is put back leaves the removal trace.
 */
export function restoreRemovals(content: Element, prepared: Prepared): void {
  for (const marker of [...content.getElementsByTagName(MARKER_TAG)]) {
    const removal = prepared.removals[Number(marker.id.slice(MARKER_PREFIX.length))];
    if (!removal || removal.rule === 'hidden') continue;
    walkElements(removal.el, (el) => {
      resolveMedia(el, prepared.base);
      return true;
    });
    resolveMedia(removal.el, prepared.base);
    marker.replaceWith(removal.el);
  }
}

/** Removes the block stamps from the article (they are pipeline bookkeeping, not content). */
export function clearBlockMarks(content: Element): void {
  walkElements(content, (el) => {
    el.removeAttribute(BLOCK_MARK);
    return true;
  });
  content.removeAttribute(BLOCK_MARK);
}

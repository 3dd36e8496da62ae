/**
 * Readability takes one container and the siblings that score near it. On a page whose text is
 * spread over sections at different depths (a guide in a dozen boxes, a thread whose posts sit in
 * separate wrappers, a product page's panels) it can take one small box, a disclosure or an
 * intro, and leave the article out: on train pages, the articles where the prose Readability left
 * out outweighs what it kept had a mean F1 of 0.67 (16 of 536; README, Model, round 17). There the
 * article is widened to the deepest element that holds most of the page's prose, and the learned
 * filter, the add-back and standardise go on from that choice. Structure and text only: no class
 * name decides it.
 */
import { type Block, isInside } from './blocks';

/** A block reads as prose at this many words, with under this share of its characters in links. */
const PROSE_WORDS = 15;
const PROSE_LINK_SHARE = 0.3;
/**
 * Widen when the prose left out reaches this many times the text Readability kept (characters).
 * Chosen on train pages (README, Model, round 17).
 */
export const WIDEN_RATIO = 2;
/** The widened article is the deepest element holding this share of the page's prose. */
const PROSE_SHARE = 0.8;

function isProse(block: Block): boolean {
  return (
    block.text.split(' ').length >= PROSE_WORDS &&
    block.linkChars < PROSE_LINK_SHARE * block.text.length &&
    !isInside(block, 'hidden')
  );
}

/** Whether the prose Readability left out (blocks not `kept`) outweighs what it kept WIDEN_RATIO times. */
export function proseLeftOut(blocks: readonly Block[], kept: readonly boolean[]): boolean {
  let keptChars = 0;
  let leftChars = 0;
  blocks.forEach((block, i) => {
    if (kept[i]) keptChars += block.text.length;
    else if (isProse(block)) leftChars += block.text.length;
  });
  return leftChars > 0 && leftChars >= WIDEN_RATIO * keptChars;
}

/** The deepest element holding PROSE_SHARE of the prose characters of `blocks`; null without prose. */
export function proseHolder(blocks: readonly Block[]): Element | null {
  const held = new Map<Element, number>();
  let total = 0;
  for (const block of blocks) {
    if (!isProse(block)) continue;
    total += block.text.length;
    for (let el: Element | null = block.el; el; el = el.parentElement)
      held.set(el, (held.get(el) ?? 0) + block.text.length);
  }
  let holder: Element | null = null;
  let holderDepth = -1;
  for (const [el, chars] of held) {
    if (chars < PROSE_SHARE * total) continue;
    let depth = 0;
    for (let up: Element | null = el; up; up = up.parentElement) depth++;
    if (depth > holderDepth) {
      holder = el;
      holderDepth = depth;
    }
  }
  return holder;
}

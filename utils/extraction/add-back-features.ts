/**
 * Where a block Readability dropped sits relative to the article Readability chose, for the
 * learned add-back (add-back.ts). Readability moves the elements it keeps, so the page's tree is
 * read before it runs (`blockAncestry`); the article's container is then the deepest element that
 * holds every kept block in that tree.
 */
import type { Block } from './blocks';

/** Each block's ancestors in the prepared page, outermost first (the element itself last). */
export function blockAncestry(blocks: readonly Block[]): Element[][] {
  return blocks.map((block) => {
    const chain: Element[] = [];
    for (let el: Element | null = block.el; el; el = el.parentElement) chain.push(el);
    return chain.reverse();
  });
}

export const ADD_BACK_FEATURE_NAMES: readonly string[] = [
  'inside_article_container',
  'log_levels_below_container',
  'log_blocks_to_kept',
  'within_kept_span',
  'before_kept_span',
  'after_kept_span',
  'shares_parent_with_kept',
];

export interface Placement {
  /** Whether the block sits inside the deepest element holding every kept block. */
  insideContainer: boolean;
  /** Blocks between it and the nearest kept block, in page order (at most 1000). */
  distance: number;
  /** Feature row (ADD_BACK_FEATURE_NAMES order); empty for kept blocks. */
  row: number[];
}

/** The placement of every block; kept blocks get an empty row (they are never candidates). */
export function placements(kept: readonly boolean[], ancestry: readonly Element[][]): Placement[] {
  const keptIndexes = kept.flatMap((wasKept, i) => (wasKept ? [i] : []));
  const none = (): Placement => ({ insideContainer: false, distance: 0, row: [] });
  if (!keptIndexes.length) return kept.map(none);
  // The deepest element every kept block's chain passes through.
  let depth = ancestry[keptIndexes[0]!]!.length;
  for (const i of keptIndexes) {
    const chain = ancestry[i]!;
    const first = ancestry[keptIndexes[0]!]!;
    let same = 0;
    while (same < Math.min(depth, chain.length) && chain[same] === first[same]) same++;
    depth = same;
  }
  const container = depth > 0 ? ancestry[keptIndexes[0]!]![depth - 1]! : null;
  const keptParents = new Set(keptIndexes.map((i) => ancestry[i]![ancestry[i]!.length - 2]));
  const firstKept = keptIndexes[0]!;
  const lastKept = keptIndexes[keptIndexes.length - 1]!;
  let previous = -1;
  const nextKept = new Array<number>(kept.length).fill(-1);
  for (let i = kept.length - 1, next = -1; i >= 0; i--) {
    nextKept[i] = next;
    if (kept[i]) next = i;
  }
  return kept.map((wasKept, i) => {
    if (wasKept) {
      previous = i;
      return none();
    }
    const chain = ancestry[i]!;
    const insideContainer = !!container && chain.length >= depth && chain[depth - 1] === container;
    const distance = Math.min(
      1000,
      previous >= 0 ? i - previous : Infinity,
      nextKept[i]! >= 0 ? nextKept[i]! - i : Infinity,
    );
    return {
      insideContainer,
      distance,
      row: [
        insideContainer ? 1 : 0,
        insideContainer ? Math.log1p(chain.length - depth) : 0,
        Math.log1p(distance),
        i > firstKept && i < lastKept ? 1 : 0,
        i < firstKept ? 1 : 0,
        i > lastKept ? 1 : 0,
        keptParents.has(chain[chain.length - 2]) ? 1 : 0,
      ],
    };
  });
}

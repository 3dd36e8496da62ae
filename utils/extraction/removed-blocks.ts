import type { RemovedBlock } from '@/utils/model';
import { REMOVAL_RULES } from './removal-rules';

/** Id prefix of the empty <span> left where a removed block was, so it can be restored there. */
export const MARKER_PREFIX = 'readmark-removed-';

/** The label of an element the page hides from every reader (prepare's `hidden` step). */
export const HIDDEN_LABEL = 'hidden element';
/** The label of a block the learned filter took out of Readability's article. */
export const LEARNED_LABEL = 'non-article block';

/**
 * Every label a removed block can carry: the rules table's, the hidden step's and the learned
 * filter's. Labels are stored with the article (English, singular); the interface words them in
 * the reader's language (components/shared/removed-summary.ts), and a test checks it has words
 * for each of these.
 */
export const REMOVED_LABELS: ReadonlySet<string> = new Set([
  ...REMOVAL_RULES.map((rule) => rule.label),
  HIDDEN_LABEL,
  LEARNED_LABEL,
]);

/**
 * `contentHtml` with `removed[index]` put back where it was (its empty marker span), or appended
 * at the end when the marker is gone. The block's HTML was sanitised with the article; the caller
 * sanitises the result again before rendering, as with any stored HTML.
 */
export function restoreRemovedBlock(
  contentHtml: string,
  removed: readonly RemovedBlock[],
  index: number,
): string {
  const block = removed[index];
  if (!block) throw new RangeError(`No removed block at index ${index}`);
  const marker = new RegExp(`<span id="${MARKER_PREFIX}${index}"></span>`);
  return marker.test(contentHtml) ? contentHtml.replace(marker, () => block.html) : contentHtml + block.html;
}

import type { RemovedBlock } from '@/utils/model';

/** Id prefix of the empty <span> left where a removed block was, so it can be restored there. */
export const MARKER_PREFIX = 'readmark-removed-';

/**
 * The one-line summary of a trace, for the reader view: "Removed: comment form, newsletter box,
 * 2 related links". Empty string when nothing was removed.
 */
export function formatRemovedSummary(removed: readonly RemovedBlock[]): string {
  const counts = new Map<string, number>();
  for (const block of removed) counts.set(block.label, (counts.get(block.label) ?? 0) + 1);
  if (counts.size === 0) return '';
  const parts = [...counts].map(([label, count]) => (count === 1 ? label : `${count} ${plural(label)}`));
  return `Removed: ${parts.join(', ')}`;
}

function plural(label: string): string {
  if (/s$/.test(label)) return label;
  return /(?:x|ch|sh)$/.test(label) ? `${label}es` : `${label}s`;
}

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

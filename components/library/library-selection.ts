import type { ArticleSummary } from '@/utils/model';

/**
 * The selection after the reader toggles `id` (row `index`). With `range` (Shift), every row
 * from the previous toggle's row to this one takes this row's new state, as in a file manager.
 */
export function toggleSelection(
  selected: ReadonlySet<string>,
  shown: readonly Pick<ArticleSummary, 'id'>[],
  id: string,
  index: number,
  anchor: number | null,
  range: boolean,
): Set<string> {
  const next = new Set(selected);
  const on = !selected.has(id);
  const [from, to] =
    range && anchor !== null ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index];
  for (let i = from; i <= to; i++) {
    const rowId = shown[i]?.id;
    if (rowId === undefined) continue;
    if (on) next.add(rowId);
    else next.delete(rowId);
  }
  return next;
}

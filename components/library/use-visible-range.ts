import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { onWindowMove } from '../shared/on-window-move';

/** Rows drawn above and below the window, so a fast scroll never shows a blank gap. */
const OVERSCAN = 8;

export interface VisibleRange {
  start: number;
  end: number;
}

/**
 * Which rows of a fixed-height list (laid out in the page, scrolled with the window) are on
 * screen. Only those rows are rendered, so 10,000 articles cost what 20 do.
 */
export function useVisibleRange(
  list: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): VisibleRange {
  const [range, setRange] = useState<VisibleRange>({ start: 0, end: Math.min(count, 24) });
  useLayoutEffect(
    () =>
      onWindowMove(() => {
        const top = list.current?.getBoundingClientRect().top ?? 0;
        const first = Math.floor(-top / rowHeight);
        const last = Math.ceil((window.innerHeight - top) / rowHeight);
        const start = Math.max(0, Math.min(count, first - OVERSCAN));
        const end = Math.max(start, Math.min(count, last + OVERSCAN));
        setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
      }),
    [list, count, rowHeight],
  );
  return range;
}

/** Scrolls the window so row `index` is in view below a sticky header of height `headerHeight`. */
export function scrollRowIntoView(list: HTMLElement, index: number, rowHeight: number, headerHeight: number) {
  const rowTop = list.getBoundingClientRect().top + index * rowHeight;
  if (rowTop < headerHeight) window.scrollBy({ top: rowTop - headerHeight, behavior: 'instant' });
  else if (rowTop + rowHeight > window.innerHeight) {
    window.scrollBy({ top: rowTop + rowHeight - window.innerHeight, behavior: 'instant' });
  }
}

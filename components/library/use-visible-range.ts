import type { RefObject } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { onWindowMove } from '../shared/on-window-move';
import { afterPaint } from './after-paint';

/** Rows drawn above and below the window, so a fast scroll never shows a blank gap. */
const OVERSCAN = 4;

export interface VisibleRange {
  start: number;
  end: number;
}

/**
 * Which rows of a fixed-height list (laid out in the page, scrolled with the window) are on
 * screen. Only those rows are rendered, so 10,000 articles cost what 20 do. The list is measured
 * when the window scrolls or resizes, never because its row count changed: the rows on screen do
 * not move then (the list's top stays put), and measuring right after a render would force the
 * browser to lay out the new rows before the search's results could show.
 */
export function useVisibleRange(
  list: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): VisibleRange {
  // Rows [first, last) of the list are inside the window; before the first measure, as many top
  // ones as the window could hold (innerHeight needs no layout).
  const [window_, setWindow] = useState(() => ({
    first: 0,
    last: Math.ceil(window.innerHeight / rowHeight),
  }));
  useEffect(() => {
    let stop: (() => void) | undefined;
    let stopped = false;
    // First measured after the first paint: measuring before it would force a layout of the
    // page (and often a second render and layout) ahead of the first rows.
    void afterPaint().then(() => {
      if (stopped) return;
      stop = onWindowMove(() => {
        const top = list.current?.getBoundingClientRect().top ?? 0;
        const first = Math.floor(-top / rowHeight);
        const last = Math.ceil((window.innerHeight - top) / rowHeight);
        setWindow((w) => (w.first === first && w.last === last ? w : { first, last }));
      });
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }, [list, rowHeight]);
  const start = Math.max(0, Math.min(count, window_.first - OVERSCAN));
  const end = Math.max(start, Math.min(count, window_.last + OVERSCAN));
  return useMemo(() => ({ start, end }), [start, end]);
}

/** Scrolls the window so row `index` is in view below a sticky header of height `headerHeight`. */
export function scrollRowIntoView(list: HTMLElement, index: number, rowHeight: number, headerHeight: number) {
  const rowTop = list.getBoundingClientRect().top + index * rowHeight;
  if (rowTop < headerHeight) window.scrollBy({ top: rowTop - headerHeight, behavior: 'instant' });
  else if (rowTop + rowHeight > window.innerHeight) {
    window.scrollBy({ top: rowTop + rowHeight - window.innerHeight, behavior: 'instant' });
  }
}

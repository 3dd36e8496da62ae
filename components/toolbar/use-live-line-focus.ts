import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  keepLineInView,
  type LineBox,
  lineIndexAt,
  measureRangeLines,
  windowAround,
} from '../shared/rendered-lines';

export const LIVE_FOCUS_MODES = ['off', 'line1', 'line3', 'line5', 'ruler'] as const;
export type LiveFocusMode = (typeof LIVE_FOCUS_MODES)[number];
const LINES_IN_WINDOW: Record<LiveFocusMode, number> = { off: 0, line1: 1, line3: 3, line5: 5, ruler: 1 };

/** Room kept above and below a focused line: sites pin bars at the top, the Listen bar sits at the bottom. */
const TOP_INSET_PX = 80;
const BOTTOM_INSET_PX = 120;

interface Options {
  doc: Document;
  mode: LiveFocusMode;
  /** The article's paragraphs on the page (the lines stepped through are theirs only), or null. */
  paragraphs: (() => Range[]) | null;
  /** The sentence being spoken: the focus goes to its first line. */
  spoken: Range | null;
  /** Our shadow host: keys and pointer moves inside our own UI are not the page's. */
  host: HTMLElement;
}

export type FocusBand = { top: number; bottom: number } | null;

/**
 * Line focus on the live page: the rendered lines of the article (only the article's text, found
 * through Listen's mapping), one line per ArrowDown / ArrowUp, the line under the pointer, the
 * first line of the spoken sentence. Lines are measured with getClientRects once per layout (a
 * ResizeObserver on the body drops them). Scrolling is instant under prefers-reduced-motion.
 */
export function useLiveLineFocus({ doc, mode, paragraphs, spoken, host }: Options): FocusBand {
  const win = doc.defaultView!;
  const lines = useRef<LineBox[] | null>(null);
  const [index, setIndex] = useState<number | null>(null);
  const [, setVersion] = useState(0);
  const on = mode !== 'off' && paragraphs !== null;

  const measured = (): LineBox[] => {
    if (!lines.current && paragraphs) lines.current = measureRangeLines(paragraphs());
    return lines.current ?? [];
  };
  const latest = useRef({ measured, index });
  latest.current = { measured, index };

  useEffect(() => {
    lines.current = null;
    if (!on) return setIndex(null);
    // The page reflows (width, fonts, pictures, its own scripts): measure again, keep the place.
    const observer = new ResizeObserver(() => {
      const { index: current } = latest.current;
      const old = current === null ? undefined : lines.current?.[current];
      lines.current = null;
      if (old) setIndex(lineIndexAt(latest.current.measured(), (old.top + old.bottom) / 2));
      setVersion((v) => v + 1);
    });
    observer.observe(doc.body);
    return () => observer.disconnect();
  }, [on, doc, paragraphs]);

  // Keyboard: one rendered line per step, kept in view. Keys typed in a field stay the page's.
  // Listening starts as the band's mode renders (a layout effect), not a frame later: an arrow
  // pressed right after choosing "1 line" moves the band instead of scrolling the page.
  useLayoutEffect(() => {
    if (!on) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.isTrusted || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      const target = event.composedPath()[0];
      if (
        target instanceof Element &&
        target.closest(
          'input, textarea, select, [contenteditable], [role="slider"], [role="listbox"], [role="menu"]',
        )
      )
        return;
      const list = latest.current.measured();
      if (list.length === 0) return;
      event.preventDefault();
      const { index: current } = latest.current;
      const next =
        current === null ? firstLineInView(win, list) : current + (event.key === 'ArrowDown' ? 1 : -1);
      const clamped = Math.min(list.length - 1, Math.max(0, next));
      setIndex(clamped);
      keepLineInView(win, list[clamped]!, TOP_INSET_PX, BOTTOM_INSET_PX);
    };
    doc.addEventListener('keydown', onKey, true);
    return () => doc.removeEventListener('keydown', onKey, true);
  }, [on, doc, win]);

  // Pointer: the line under a mouse or pen (once per frame at most), over the article's lines only.
  useEffect(() => {
    if (!on) return;
    let frame = 0;
    const onMove = (event: PointerEvent) => {
      if (!event.isTrusted || event.pointerType === 'touch' || frame) return;
      if (event.movementX === 0 && event.movementY === 0) return; // Chromium's move after a scroll
      if (event.composedPath().includes(host)) return;
      const y = event.pageY;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const list = latest.current.measured();
        const first = list[0];
        const last = list.at(-1);
        if (!first || !last || y < first.top || y > last.bottom) return;
        setIndex(lineIndexAt(list, y));
      });
    };
    doc.addEventListener('pointermove', onMove, { passive: true });
    return () => {
      doc.removeEventListener('pointermove', onMove);
      cancelAnimationFrame(frame);
    };
  }, [on, doc, host]);

  // The voice: the first line of the spoken sentence (Listen brings it into view itself).
  useEffect(() => {
    if (!on || !spoken) return;
    const rect = [...spoken.getClientRects()].find((r) => r.width > 0 && r.height > 0);
    if (rect) setIndex(lineIndexAt(latest.current.measured(), (rect.top + rect.bottom) / 2 + win.scrollY));
  }, [on, spoken, win]);

  if (!on || index === null) return null;
  const list = measured();
  if (index < 0 || index >= list.length) return null;
  return windowAround(list, index, LINES_IN_WINDOW[mode]);
}

function firstLineInView(win: Window, lines: readonly LineBox[]): number {
  const next = lineIndexAt(lines, win.scrollY + TOP_INSET_PX);
  if (next < 0) return 0;
  return lines[next]!.top < win.scrollY + TOP_INSET_PX - 2 ? Math.min(next + 1, lines.length - 1) : next;
}

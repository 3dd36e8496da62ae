import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  keepLineInView,
  type LineBox,
  lineIndexAt,
  measureLines,
  windowAround,
} from '../shared/rendered-lines';
import type { LineFocusMode } from './reader-settings';
import { findAnchor, type ReadingAnchor } from './reading-anchor';

/** The reader's sticky tool bar (and a margin): a line under it is out of view. */
const TOP_INSET_PX = 72;
/** Room kept under the focused line for the Listen bar. */
const BOTTOM_INSET_PX = 96;

const LINES_IN_WINDOW: Record<LineFocusMode, number> = { off: 0, line1: 1, line3: 3, line5: 5, ruler: 1 };

interface Options {
  mode: LineFocusMode;
  /** The rendered article body, whose lines the focus steps through. */
  articleRef: RefObject<HTMLElement | null>;
  /** Changes whenever the text reflows (settings, panel): the lines are measured again. */
  layoutKey: string;
  /** The sentence Listen is speaking, or null: the focus goes to its first line. */
  spoken: Range | null;
}

/** Where to draw the focus: a band in document coordinates, or null when off or not placed yet. */
export type FocusBand = { top: number; bottom: number } | null;

/**
 * Line focus: which rendered line the reader is on, moved one line per ArrowDown / ArrowUp, to the
 * line under the pointer, and to the sentence Listen speaks. The lines are measured (lazily, once
 * per layout) with getClientRects; across a reflow the focus stays on the same text, anchored to
 * its block like the reading position. Scrolling is instant when the reader prefers reduced motion.
 */
export function useLineFocus({ mode, articleRef, layoutKey, spoken }: Options): FocusBand {
  const lines = useRef<LineBox[] | null>(null);
  const [index, setIndex] = useState<number | null>(null);
  // Bumped when the lines were measured again, so the band is redrawn even on the same index.
  const [, setLayoutVersion] = useState(0);
  const anchor = useRef<ReadingAnchor | null>(null);
  const on = mode !== 'off';

  const measured = (): LineBox[] => {
    const article = articleRef.current;
    if (!lines.current && article) lines.current = measureLines(article);
    return lines.current ?? [];
  };

  /** Moves the focus to line `next`, remembering its text so a reflow keeps it. */
  const focusLine = (next: number) => {
    const article = articleRef.current;
    const line = measured()[next];
    if (!article || !line) return;
    anchor.current = findAnchor(article, (line.top + line.bottom) / 2 - window.scrollY);
    setIndex(next);
  };

  /** After a reflow: measure again, and put the focus back on the text it was on. */
  const reanchor = () => {
    lines.current = null;
    const all = measured();
    const held = anchor.current;
    if (held?.element.isConnected) {
      const rect = held.element.getBoundingClientRect();
      setIndex(lineIndexAt(all, rect.top + held.ratio * rect.height - held.gap + window.scrollY));
    } else setIndex(firstLineInView(all));
    setLayoutVersion((version) => version + 1);
  };
  const latest = useRef({ focusLine, measured, index, reanchor });
  latest.current = { focusLine, measured, index, reanchor };

  // In a microtask: after useReadingPosition's realignment, queued the same way by the same commit.
  useLayoutEffect(() => {
    lines.current = null;
    if (on) queueMicrotask(() => latest.current.reanchor());
    // Turned off, it forgets its line: turned on again, it starts where the reader is then.
    else anchor.current = null;
  }, [on, layoutKey]);

  // The window's width, pictures arriving, fonts loading: the article's size changes.
  useEffect(() => {
    const article = articleRef.current;
    if (!on || !article) return;
    const observer = new ResizeObserver(() => latest.current.reanchor());
    observer.observe(article);
    return () => observer.disconnect();
  }, [on, articleRef]);

  // Keyboard: one rendered line per step, the line kept in view.
  useEffect(() => {
    if (!on) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      if (isOwnedByControl(event.target)) return;
      const { focusLine: go, measured: all, index: current } = latest.current;
      const list = all();
      if (list.length === 0) return;
      event.preventDefault();
      const start = current ?? firstLineInView(list);
      const next = current === null ? start : start + (event.key === 'ArrowDown' ? 1 : -1);
      const clamped = Math.min(list.length - 1, Math.max(0, next));
      go(clamped);
      // Between the tool bar and the Listen bar.
      keepLineInView(window, list[clamped]!, TOP_INSET_PX, BOTTOM_INSET_PX);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [on]);

  // Pointer: the line under a mouse or pen moving over the article (once per frame at most).
  useEffect(() => {
    const article = articleRef.current;
    if (!on || !article) return;
    let frame = 0;
    const onMove = (event: PointerEvent) => {
      // Chromium sends a still pointer a move after each scroll (to update hover): not the reader's.
      if (event.pointerType === 'touch' || frame || (event.movementX === 0 && event.movementY === 0)) return;
      const y = event.pageY;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const { focusLine: go, measured: all } = latest.current;
        const next = lineIndexAt(all(), y);
        if (next >= 0 && next !== latest.current.index) go(next);
      });
    };
    article.addEventListener('pointermove', onMove);
    return () => {
      article.removeEventListener('pointermove', onMove);
      cancelAnimationFrame(frame);
    };
  }, [on, articleRef]);

  // Scrolled away (wheel, scroll bar, Page Down): the focus comes to the first line in view.
  useEffect(() => {
    if (!on) return;
    const onScrollEnd = () => {
      const { measured: all, index: current, focusLine: go } = latest.current;
      const list = all();
      const line = current === null ? undefined : list[current];
      if (line && inView(line)) return;
      const first = firstLineInView(list);
      if (first >= 0) go(first);
    };
    window.addEventListener('scrollend', onScrollEnd);
    return () => window.removeEventListener('scrollend', onScrollEnd);
  }, [on]);

  // The voice: the first line of the spoken sentence (Listen scrolls it into view itself).
  useEffect(() => {
    if (!on || !spoken) return;
    const rect = [...spoken.getClientRects()].find((r) => r.width > 0 && r.height > 0);
    if (!rect) return;
    const { focusLine: go, measured: all } = latest.current;
    go(lineIndexAt(all(), (rect.top + rect.bottom) / 2 + window.scrollY));
  }, [on, spoken]);

  if (!on || index === null) return null;
  const list = measured();
  if (index < 0 || index >= list.length) return null;
  return windowAround(list, index, LINES_IN_WINDOW[mode]);
}

function firstLineInView(lines: readonly LineBox[]): number {
  const next = lineIndexAt(lines, window.scrollY + TOP_INSET_PX);
  if (next < 0) return -1;
  return lines[next]!.top < window.scrollY + TOP_INSET_PX - 2 ? Math.min(next + 1, lines.length - 1) : next;
}

function inView(line: LineBox): boolean {
  const top = line.top - window.scrollY;
  return top >= TOP_INSET_PX - 4 && line.bottom - window.scrollY <= window.innerHeight;
}

/** Arrow keys in a field, a slider, a radio group, a menu or a panel belong to that control. */
function isOwnedByControl(target: EventTarget | null): boolean {
  const element = target instanceof Element ? target : null;
  return Boolean(
    element?.closest(
      'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="listbox"], [role="menu"], .reader-popover, .reader-panel, .listen-bar',
    ),
  );
}

import type { RefObject } from 'preact';
import type { LineFocusMode } from './reader-settings';
import { useLineFocus } from './use-line-focus';

interface Props {
  mode: LineFocusMode;
  articleRef: RefObject<HTMLElement | null>;
  layoutKey: string;
  spoken: Range | null;
}

/**
 * Draws line focus over the page: a window (the band's lines clear, the rest dimmed by a shadow
 * spread over the viewport) or a ruler under the line. Placed in document coordinates, so it
 * scrolls with the text without script; it takes no pointer events and is hidden from assistive
 * technology (it only repaints what is already there). It holds the focus state itself, so a
 * step re-renders this element only, never the article.
 */
export function LineFocus({ mode, articleRef, layoutKey, spoken }: Props) {
  const band = useLineFocus({ mode, articleRef, layoutKey, spoken });
  if (mode === 'off' || !band) return null;
  return (
    <div
      class="line-focus"
      data-mode={mode === 'ruler' ? 'ruler' : 'window'}
      aria-hidden="true"
      style={{ top: `${band.top}px`, height: `${band.bottom - band.top}px` }}
    />
  );
}

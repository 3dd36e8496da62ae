import type { LineFocusMode } from './reader-settings';
import type { FocusBand } from './use-line-focus';

/**
 * Draws line focus over the page: a window (the band's lines clear, the rest dimmed by a shadow
 * spread over the viewport) or a ruler under the line. Placed in document coordinates, so it
 * scrolls with the text without script; it takes no pointer events and is hidden from assistive
 * technology (it only repaints what is already there).
 */
export function LineFocus({ mode, band }: { mode: LineFocusMode; band: FocusBand }) {
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

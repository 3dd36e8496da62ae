import { useEffect } from 'preact/hooks';
import type { ReaderAnnotations } from './reader-annotations';

/** The Custom Highlight API name of the flash (styled in reader.css). */
export const JUMP_HIGHLIGHT = 'readmark-jump';
const FLASH_MS = 2500;
/** Where the highlight lands: a third of the way down, clear of the sticky tool bar. */
const LANDING = 1 / 3;

/**
 * reader.html?id=…&highlight=…: once that highlight is anchored, scrolls it into view and flashes
 * it (the review page's "Open at highlight"). Once per opening: later changes do not move the reader.
 */
export function useJumpToHighlight(annotations: ReaderAnnotations | null, highlightId: string | null) {
  useEffect(() => {
    if (!annotations || !highlightId) return;
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const jump = () => {
      const range = done ? undefined : annotations.painter.range(highlightId);
      if (!range) return;
      done = true;
      const rect = range.getBoundingClientRect();
      window.scrollTo({ top: window.scrollY + rect.top - window.innerHeight * LANDING, behavior: 'instant' });
      const registry = window.CSS?.highlights;
      if (!registry || typeof Highlight !== 'function') return;
      const flash = new Highlight(range.cloneRange());
      flash.priority = 1;
      registry.set(JUMP_HIGHLIGHT, flash);
      timer = setTimeout(() => registry.delete(JUMP_HIGHLIGHT), FLASH_MS);
    };
    jump();
    const stop = annotations.subscribe(jump);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [annotations, highlightId]);
}

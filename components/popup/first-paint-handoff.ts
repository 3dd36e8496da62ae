import type { ArticlePreview } from '@/utils/messaging';
import type { OwnExtraction, TabReading } from '@/utils/services';

/**
 * What the popup's first script (entrypoints/popup-start.ts) leaves for the popup's module, which
 * popup.html loads only after that script's first paint.
 */
export interface FirstPaint {
  reading: Promise<TabReading>;
  /** The article painted, or null: nothing to preview (the popup then says why). */
  painted: Promise<ArticlePreview | null>;
  /**
   * Unmounts the first paint, whose root the popup's own then replaces: each bundle has its own
   * copy of Preact, and a copy diffing against the other's tree left the popup blank.
   */
  clear(): void;
  /**
   * Gives the reading this popup's own Worker, for where the offscreen document cannot extract:
   * the module holds that code, the first script does not.
   */
  provideOwnExtraction(own: () => Promise<OwnExtraction>): void;
}

const FIRST_PAINT = Symbol.for('readmark.popupFirstPaint');
type WithFirstPaint = typeof globalThis & { [FIRST_PAINT]?: FirstPaint };

export function leaveFirstPaint(first: FirstPaint): void {
  (globalThis as WithFirstPaint)[FIRST_PAINT] = first;
}

/** What the first script left (once), or undefined where it did not run. */
export function takeFirstPaint(): FirstPaint | undefined {
  const scope = globalThis as WithFirstPaint;
  const first = scope[FIRST_PAINT];
  delete scope[FIRST_PAINT];
  return first;
}

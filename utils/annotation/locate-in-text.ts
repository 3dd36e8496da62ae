import { type AnchorOptions, type AnchorSelectors, type AnchorSpan, locate } from './anchor';
import type { TextModel } from './text-model';

/**
 * Anchors a highlight in plain text that is already whitespace-normalised the way
 * TextModel.text is (single spaces, trimmed) — e.g. a saved article's textContent, where the
 * background (no DOM) places a quote taken from the live page. `locate` reads only the model's
 * text, so a text-only model is enough; tests/unit/annotation/locate-in-text.test.ts guards that.
 */
export function locateInText(
  text: string,
  selectors: AnchorSelectors,
  options?: AnchorOptions,
): AnchorSpan | null {
  return locate({ text } as TextModel, selectors, options);
}

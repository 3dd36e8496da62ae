import { modelOf } from './model-of';
import { type HighlightSelectors, selectorsAt } from './quote-selector';
import type { TextModel } from './text-model';
import { rangeToTextOffsets, type TextSpan } from './text-offsets';

const SPACE = /\s/;

/** Narrows a span of `text` so it neither starts nor ends with whitespace. */
export function trimSpan(text: string, span: TextSpan): TextSpan {
  let { start, end } = span;
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Selectors for a DOM Range inside `root`, over the text model (whitespace collapsed, hidden
 * content skipped); whitespace at the range's ends is left out. Null when the range is outside
 * `root` or covers no visible text. Pass a prebuilt TextModel to describe many ranges cheaply.
 */
export function describe(root: Node | TextModel, range: Range): HighlightSelectors | null {
  const model = modelOf(root);
  const raw = rangeToTextOffsets(model, range);
  if (!raw) return null;
  const { text } = model;
  const { start, end } = trimSpan(text, raw);
  if (start === end) return null;
  return selectorsAt(text, { start, end });
}

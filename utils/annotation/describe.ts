import type { TextPositionSelector, TextQuoteSelector } from '@/utils/model';
import { modelOf } from './model-of';
import type { TextModel } from './text-model';
import { rangeToTextOffsets, type TextSpan } from './text-offsets';

/** Characters of context stored either side of a quote. */
export const CONTEXT_LENGTH = 32;

/** The selectors stored for a highlight. */
export interface HighlightSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

const SPACE = /\s/;

/** Narrows a span of `text` so it neither starts nor ends with whitespace. */
export function trimSpan(text: string, span: TextSpan): TextSpan {
  let { start, end } = span;
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return { start, end };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

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
  return selectorsAt(text, start, end);
}

/**
 * The stored selectors of `text.slice(start, end)`: the quote with CONTEXT_LENGTH characters of
 * context either side, and its position.
 */
export function selectorsAt(text: string, start: number, end: number): HighlightSelectors {
  // Context must not begin or end inside a surrogate pair: it is stored and exported as text.
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd--;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

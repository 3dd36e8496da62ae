import type { TextPositionSelector, TextQuoteSelector } from '@/utils/model';
import type { TextSpan } from './text-offsets';

/** Characters of context stored either side of a quote. */
export const CONTEXT_LENGTH = 32;

/** The selectors stored for a highlight. */
export interface HighlightSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The selectors for `[start, end)` of `text`: the quote with up to CONTEXT_LENGTH characters of
 * context either side, and its position. The one place selectors are made, for a range the reader
 * drew (describe) and for a quote placed in a saved article's text (the background).
 */
export function selectorsAt(text: string, { start, end }: TextSpan): HighlightSelectors {
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

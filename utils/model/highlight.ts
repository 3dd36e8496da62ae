/** W3C Web Annotation TextQuoteSelector: the quote with some context either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: character offsets into the article text. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type HighlightColor = 'yellow' | 'green' | 'blue' | 'pink' | 'purple';
export const HIGHLIGHT_COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink', 'purple'];

export interface Highlight {
  id: string;
  articleId: string;
  color: HighlightColor;
  note: string;
  /** Selectors against the saved article's textContent (exact in the reader view). */
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  createdAt: number;
  updatedAt: number;
}

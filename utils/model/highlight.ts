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
  /**
   * Selectors against the saved article: the quote and its context as the reader copy shows them;
   * the position in the stored textContent (whitespace-collapsed), a hint that the quote verifies
   * (the reader's text model can differ from textContent by a space at block edges).
   */
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  /**
   * Selectors against the live page's text where they differ from the article's: set when the
   * highlight was made on the page, and replaced when the reader re-attaches an orphan there.
   */
  page?: PageSelectors;
  createdAt: number;
  updatedAt: number;
}

/** Where a highlight sits in the live page's text (document.body), as opposed to the saved article's. */
export interface PageSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Names the reader gives the colours ("important", "question"…); shown in the toolbar and exports. */
export type ColorNames = Record<HighlightColor, string>;

export const DEFAULT_COLOR_NAMES: ColorNames = {
  yellow: 'Important',
  green: 'Idea',
  blue: 'Definition',
  pink: 'Question',
  purple: 'Quote',
};

import * as v from 'valibot';
import { type ColorNames, type ExtractedArticle, HIGHLIGHT_COLORS, type Highlight } from '@/utils/model';

/**
 * The one message protocol. Each direction has a map from message type to the schema of its
 * payload; a handler never sees a payload its schema has not accepted.
 * Who may send what is part of the protocol too (see `senders`).
 */

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const color = v.picklist(HIGHLIGHT_COLORS);
const quote = v.strictObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(100_000)),
  prefix: v.pipe(v.string(), v.maxLength(1_000)),
  suffix: v.pipe(v.string(), v.maxLength(1_000)),
});
const position = v.strictObject({
  type: v.literal('TextPositionSelector'),
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

const pageSelectors = v.strictObject({ quote, position });
const note = v.pipe(v.string(), v.maxLength(20_000));
const highlight = v.strictObject({
  id,
  articleId: id,
  color,
  note,
  quote,
  position,
  page: v.optional(pageSelectors),
  createdAt: v.number(),
  updatedAt: v.number(),
});
/** A serialised page; 20 MB is far above any article and stops a runaway page early. */
const capture = v.strictObject({
  url: v.pipe(v.string(), v.url(), v.maxLength(8_000)),
  title: v.pipe(v.string(), v.maxLength(2_000)),
  html: v.pipe(v.string(), v.maxLength(20_000_000)),
});

/** Messages an extension page (popup, reader) or the background sends to the content script of a tab. */
export const toContent = {
  /** Serialise the page for extraction (the content script never runs Readability itself). */
  capture: v.strictObject({}),
  /** Highlight the current selection (context menu, keyboard shortcut). */
  highlightSelection: v.strictObject({ color: v.optional(color) }),
  /** Which of this page's highlights are painted and which are orphans. */
  highlightStatus: v.strictObject({}),
  /** Scroll a painted highlight into view. */
  scrollToHighlight: v.strictObject({ id }),
  /** Re-attach an orphan to the reader's current selection. */
  reattachToSelection: v.strictObject({ id }),
  /** Fetch and paint this page's highlights again (after changes elsewhere). */
  repaint: v.strictObject({}),
} as const;

/** Messages the content script (or an extension page) sends to the background. */
export const toBackground = {
  /** Liveness check; answers the extension version. */
  ping: v.strictObject({}),
  /** The saved article for the sender's page (if any), its highlights and the colour names. */
  pageHighlights: v.strictObject({ canonicalUrl: v.nullable(v.pipe(v.string(), v.maxLength(8_000))) }),
  /**
   * Create a highlight on the sender's page. `capture` is needed when the page is not saved yet:
   * the background extracts and saves the article first (one record, no duplicates).
   */
  createHighlight: v.strictObject({
    canonicalUrl: v.nullable(v.pipe(v.string(), v.maxLength(8_000))),
    page: pageSelectors,
    color,
    note,
    capture: v.optional(capture),
  }),
  updateHighlight: v.strictObject({
    id,
    color: v.optional(color),
    note: v.optional(note),
    page: v.optional(pageSelectors),
  }),
  deleteHighlight: v.strictObject({ id }),
  /** Undo a delete: the highlight exactly as deleteHighlight answered it. */
  restoreHighlight: v.strictObject({ highlight }),
} as const;

/** Messages the background sends to its offscreen document (Chrome has no DOM or Worker in a service worker). */
export const toOffscreen = {
  /** Extract and sanitise a captured page, with the Worker watchdog. */
  offscreenExtract: v.strictObject({ capture }),
} as const;

/** Only our own extension pages and background may drive the content script or the offscreen document. */
export const contentSenders: Record<keyof typeof toContent, readonly ('page' | 'extension')[]> = {
  capture: ['extension'],
  highlightSelection: ['extension'],
  highlightStatus: ['extension'],
  scrollToHighlight: ['extension'],
  reattachToSelection: ['extension'],
  repaint: ['extension'],
};
export const offscreenSenders: Record<keyof typeof toOffscreen, readonly ('page' | 'extension')[]> = {
  offscreenExtract: ['extension'],
};

/** Which senders may send each background message: 'page' = our content script in a tab, 'extension' = our pages. */
export const senders: Record<keyof typeof toBackground, readonly ('page' | 'extension')[]> = {
  ping: ['page', 'extension'],
  pageHighlights: ['page'],
  createHighlight: ['page'],
  updateHighlight: ['page', 'extension'],
  deleteHighlight: ['page', 'extension'],
  restoreHighlight: ['page', 'extension'],
};

export type ToContent = { [K in keyof typeof toContent]: v.InferOutput<(typeof toContent)[K]> };
export type ToOffscreen = { [K in keyof typeof toOffscreen]: v.InferOutput<(typeof toOffscreen)[K]> };
export type ToBackground = { [K in keyof typeof toBackground]: v.InferOutput<(typeof toBackground)[K]> };

/** What each message answers with (inside Result). */
export interface ContentAnswers {
  capture: CapturedPage;
  highlightSelection: Highlight;
  highlightStatus: { id: string; anchored: boolean }[];
  scrollToHighlight: true;
  reattachToSelection: Highlight;
  repaint: true;
}
export interface BackgroundAnswers {
  ping: { version: string };
  pageHighlights: PageHighlights;
  createHighlight: Highlight;
  updateHighlight: Highlight;
  deleteHighlight: Highlight;
  restoreHighlight: Highlight;
}

export interface OffscreenAnswers {
  offscreenExtract: ExtractedArticle;
}

/** What the content script needs to paint a page. */
export interface PageHighlights {
  article: { id: string; title: string } | null;
  highlights: Highlight[];
  colorNames: ColorNames;
}

/** A serialised page, as the content script captures it. */
export interface PageCapture {
  url: string;
  title: string;
  html: string;
}

/** The capture answer: the page, and the text the reader had selected on it ('' for none). */
export interface CapturedPage extends PageCapture {
  selection: string;
}

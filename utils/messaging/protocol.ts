import * as v from 'valibot';
import {
  type ColorNames,
  ERROR_CODES,
  type ExtractedArticle,
  HIGHLIGHT_COLORS,
  type Highlight,
  type ListenPreferences,
  type RemovedBlock,
} from '@/utils/model';

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
/** Extracted, sanitised article HTML (never rendered by the content script: only its text is read). */
const articleHtml = v.pipe(v.string(), v.maxLength(20_000_000));
const langTag = v.nullable(v.pipe(v.string(), v.maxLength(100)));
/** Where Listen stopped in an article: a sentence's index and its opening words (ListenPosition). */
const listenPlace = v.strictObject({
  sentence: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
  text: v.pipe(v.string(), v.maxLength(200)),
});

/** A serialised page; 20 MB is far above any article and stops a runaway page early. */
const capture = v.strictObject({
  url: v.pipe(v.string(), v.url(), v.maxLength(8_000)),
  title: v.pipe(v.string(), v.maxLength(2_000)),
  html: v.pipe(v.string(), v.maxLength(20_000_000)),
});

/**
 * A failed answer carries an error code and its data, never display text: the receiver words it
 * in the reader's language. Data values are short strings and numbers (see ErrorData).
 */
export const errorAnswer = v.strictObject({
  code: v.picklist(ERROR_CODES),
  data: v.optional(
    v.record(
      v.pipe(v.string(), v.maxLength(100)),
      v.union([v.pipe(v.string(), v.maxLength(8_000)), v.number()]),
    ),
  ),
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
  /**
   * Read one of the page's own pictures (same origin as the page, or data:) for saving with the
   * article, when Readmark has no host access: the page already loaded it, so this asks nothing new.
   */
  readPageImage: v.strictObject({ url: v.pipe(v.string(), v.maxLength(16_000)) }),
  /**
   * Start Listen on the page (the popup's Listen button), reading the article the popup previewed:
   * its sanitised HTML (the extraction pipeline's), which the content script maps onto the page.
   */
  listenStart: v.strictObject({ article: v.strictObject({ contentHtml: articleHtml, lang: langTag }) }),
} as const;

/** Messages the content script (or an extension page) sends to the background. */
export const toBackground = {
  /** Liveness check; answers the extension version. */
  ping: v.strictObject({}),
  /**
   * The saved article for the sender's page (if any), its highlights and the colour names. The
   * page is the sender's tab URL; `canonicalUrl` is what the page declares, heard only within
   * that origin (articleKey).
   */
  pageHighlights: v.strictObject({ canonicalUrl: v.nullable(v.pipe(v.string(), v.maxLength(8_000))) }),
  /**
   * Create a highlight on the sender's page. `capture` is needed when the page is not saved yet:
   * the background extracts and saves the article first (one record, no duplicates). `id` is the
   * new highlight's, chosen by the content script, so that a request sent again after the worker
   * stopped mid-way finds the highlight the first one stored instead of making a second.
   */
  createHighlight: v.strictObject({
    id: v.pipe(v.string(), v.uuid()),
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
  /** Undo a delete: the highlight exactly as deleteHighlight answered it (extension pages). */
  restoreHighlight: v.strictObject({ highlight }),
  /**
   * A content script's undo of its own delete: the background puts back the record it deleted,
   * note included, which the content script never held (see PageHighlight).
   */
  undoDelete: v.strictObject({ id }),
  /**
   * The article Listen reads on the sender's page, and where listening stopped there. The saved
   * article if the page is saved; else the extraction of `capture` (bound to the sender's tab);
   * else `article` is null and the content script asks again with a capture.
   */
  listenArticle: v.strictObject({
    canonicalUrl: v.nullable(v.pipe(v.string(), v.maxLength(8_000))),
    capture: v.optional(capture),
  }),
  /** Remember where Listen is on the sender's page (null: heard to the end, start over next time). */
  listenPosition: v.strictObject({
    canonicalUrl: v.nullable(v.pipe(v.string(), v.maxLength(8_000))),
    position: v.nullable(listenPlace),
  }),
  /**
   * An extension page's sync run ended with bodies or pictures still to fetch: the background
   * starts its own run now instead of half a minute later (the alarm stays as the fallback).
   */
  syncContinue: v.strictObject({}),
} as const;

/**
 * Messages to the offscreen document (Chrome: a service worker has no DOM and no Worker), from the
 * background and from the popup, whose preview uses the document's Worker, already warm.
 */
export const toOffscreen = {
  /** Extract and sanitise a captured page (bound to its tab by the sender), with the Worker watchdog. */
  offscreenExtract: v.strictObject({ capture }),
  /**
   * The popup's preview: extract a captured page and answer at once with the article without its
   * HTML (OffscreenPreview); the document holds the rest under a ticket for offscreenComplete.
   */
  offscreenPreview: v.strictObject({ capture }),
  /** The whole article of an offscreenPreview, its HTML sanitised now (the popup asks after its first paint). */
  offscreenComplete: v.strictObject({ ticket: v.pipe(v.string(), v.uuid()) }),
} as const;

/** Only our own extension pages and background may drive the content script or the offscreen document. */
export const contentSenders: Record<keyof typeof toContent, readonly ('page' | 'extension')[]> = {
  capture: ['extension'],
  highlightSelection: ['extension'],
  highlightStatus: ['extension'],
  scrollToHighlight: ['extension'],
  reattachToSelection: ['extension'],
  repaint: ['extension'],
  readPageImage: ['extension'],
  listenStart: ['extension'],
};
export const offscreenSenders: Record<keyof typeof toOffscreen, readonly ('page' | 'extension')[]> = {
  offscreenExtract: ['extension'],
  offscreenPreview: ['extension'],
  offscreenComplete: ['extension'],
};

/** Which senders may send each background message: 'page' = our content script in a tab, 'extension' = our pages. */
export const senders: Record<keyof typeof toBackground, readonly ('page' | 'extension')[]> = {
  ping: ['page', 'extension'],
  pageHighlights: ['page'],
  createHighlight: ['page'],
  updateHighlight: ['page', 'extension'],
  deleteHighlight: ['page', 'extension'],
  restoreHighlight: ['extension'],
  undoDelete: ['page'],
  listenArticle: ['page'],
  listenPosition: ['page'],
  syncContinue: ['extension'],
};

export type ToContent = { [K in keyof typeof toContent]: v.InferOutput<(typeof toContent)[K]> };
export type ToOffscreen = { [K in keyof typeof toOffscreen]: v.InferOutput<(typeof toOffscreen)[K]> };
export type ToBackground = { [K in keyof typeof toBackground]: v.InferOutput<(typeof toBackground)[K]> };

/** What each message answers with (inside Result). */
export interface ContentAnswers {
  capture: CapturedPage;
  highlightSelection: PageHighlight;
  highlightStatus: { id: string; anchored: boolean }[];
  scrollToHighlight: true;
  reattachToSelection: PageHighlight;
  repaint: true;
  readPageImage: PageImage;
  listenStart: true;
}
export interface BackgroundAnswers {
  ping: { version: string };
  pageHighlights: PageHighlights;
  /** A content script gets a PageHighlight; an extension page gets the whole record as well. */
  createHighlight: PageHighlight;
  updateHighlight: PageHighlight;
  deleteHighlight: PageHighlight;
  restoreHighlight: PageHighlight;
  undoDelete: PageHighlight;
  listenArticle: ListenArticle;
  listenPosition: true;
  /** The background's run was started (it answers before the run ends). */
  syncContinue: true;
}

/** What Listen on a live page reads: the extracted article's HTML and language, and where it stopped. */
export interface ListenArticle {
  article: { contentHtml: string; lang: string | null } | null;
  position: { sentence: number; text: string } | null;
  /** The speed and voices the reader chose (in the reader's Listen): the live page speaks the same. */
  preferences: ListenPreferences;
}

export interface OffscreenAnswers {
  offscreenExtract: ExtractedArticle;
  offscreenPreview: OffscreenPreview;
  offscreenComplete: ExtractedArticle;
}

/** A removed block as the "Removed" list's summary shows it: its HTML comes with the whole article. */
export type RemovedSummary = Omit<RemovedBlock, 'html'>;

/**
 * What the popup's first paint shows of an extracted article: all of it but its HTML (the body's
 * and the removed blocks'), which is sanitised after that paint. Its text fields are the ones the
 * whole article has (sanitising changes only the HTML), and are only ever rendered as text.
 */
export type ArticlePreview = Omit<ExtractedArticle, 'contentHtml' | 'removed'> & {
  removed: RemovedSummary[];
};

/**
 * The preview of an extraction, the ticket for the rest (offscreenComplete), and when (ms since
 * the epoch) the Worker got the page and was done.
 */
export interface OffscreenPreview {
  preview: ArticlePreview;
  ticket: string;
  timing: { ready: number; received: number; extracted: number } | null;
}

/** A picture read by the content script: its type and bytes as base64 (messages carry JSON only). */
export interface PageImage {
  type: string;
  base64: string;
}

/** What the content script needs to paint a page. */
export interface PageHighlights {
  article: { id: string; title: string } | null;
  highlights: PageHighlight[];
  colorNames: ColorNames;
}

/** A serialised page, as the content script captures it. */
export interface PageCapture {
  url: string;
  title: string;
  html: string;
}

/*
 * Notes are typed in an extension page, never in the web page (issue 12). The in-page toolbar holds
 * no text field: "Add note" asks the background to open the note editor (entrypoints/note, a small
 * Readmark window) for that highlight. The background binds a one-time token to the highlight,
 * the page's tab and the editor's own tab; the editor redeems it to load and save the note, and
 * the page's content script only hears that the note is done.
 */
const noteToken = v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/));

export const toBackgroundNotes = {
  /** The content script asks to edit a highlight's note (after a trusted click on "Add note"). */
  noteOpen: v.strictObject({
    highlightId: id,
    /** Where to put the editor window: under the highlight, in screen pixels (a hint only). */
    at: v.strictObject({ left: v.pipe(v.number(), v.integer()), top: v.pipe(v.number(), v.integer()) }),
  }),
  /** The note editor reads the note it edits; the token says which. */
  noteLoad: v.strictObject({ token: noteToken }),
  noteSave: v.strictObject({ token: noteToken, note }),
  /** The reader closed the editor without saving (Escape, Close). */
  noteClose: v.strictObject({ token: noteToken }),
} as const;

/**
 * Only our content script (in a tab whose page owns the highlight) may open a note; only our
 * note editor (an extension page, in the window opened for that token) may read, save or close it.
 */
export const noteSenders: Record<keyof typeof toBackgroundNotes, readonly ('page' | 'extension')[]> = {
  noteOpen: ['page'],
  noteLoad: ['extension'],
  noteSave: ['extension'],
  noteClose: ['extension'],
};

/**
 * A highlight as a web page's content script holds it: what the in-page UI needs to paint it,
 * copy it and label its note button, and no note text (issue 12: the page's renderer process
 * never holds the reader's notes; they are shown and typed in the note editor window).
 */
const pageHighlight = v.strictObject({
  id,
  articleId: id,
  color,
  quote,
  page: v.optional(pageSelectors),
  hasNote: v.boolean(),
});
export type PageHighlight = v.InferOutput<typeof pageHighlight>;

/** The background tells the page's content script that the note editor is done (saved: the highlight; closed: null). */
export const toContentNotes = {
  noteDone: v.strictObject({ highlightId: id, highlight: v.nullable(pageHighlight) }),
} as const;
export const contentNoteSenders: Record<keyof typeof toContentNotes, readonly ('page' | 'extension')[]> = {
  noteDone: ['extension'],
};

export type ToBackgroundNotes = {
  [K in keyof typeof toBackgroundNotes]: v.InferOutput<(typeof toBackgroundNotes)[K]>;
};
export type ToContentNotes = {
  [K in keyof typeof toContentNotes]: v.InferOutput<(typeof toContentNotes)[K]>;
};
export interface BackgroundNoteAnswers {
  noteOpen: true;
  /** What the editor shows: the passage (for context) and the note. */
  noteLoad: { quote: string; note: string };
  noteSave: Highlight;
  noteClose: true;
}
export interface ContentNoteAnswers {
  noteDone: true;
}

/**
 * The capture as the popup's capture script (entrypoints/capture.ts) returns it through
 * scripting.executeScript: checked like any message, as it was made in the page's renderer.
 */
export const capturedPage = v.strictObject({
  ...capture.entries,
  selection: v.pipe(v.string(), v.maxLength(1_000)),
});

/** The capture answer: the page, and the text the reader had selected on it ('' for none). */
export interface CapturedPage extends PageCapture {
  selection: string;
}

/**
 * The capture script's answer (entrypoints/capture.ts): also whether the in-page UI's script runs
 * there, and when it ran and was done (ms since the epoch; only ever performance marks).
 */
export const injectedCapture = v.strictObject({
  ...capturedPage.entries,
  pageScript: v.boolean(),
  timing: v.optional(v.strictObject({ ran: v.number(), serialised: v.number() })),
});
export interface InjectedCapture extends CapturedPage {
  pageScript: boolean;
  timing?: { ran: number; serialised: number };
}

/*
 * Imported articles that came as URLs only are downloaded by the background (issue 14), so the
 * queue goes on with the library closed; the library only asks it to start (after access was
 * granted, or on Retry) and watches the database for progress.
 */
export const toBackgroundDownloads = {
  /** Start the download queue now; `retryFailed` first puts the failed articles back in it. */
  downloadImported: v.strictObject({ retryFailed: v.boolean() }),
} as const;
/** Only our own pages (library, settings) may start downloads. */
export const downloadSenders: Record<keyof typeof toBackgroundDownloads, readonly ('page' | 'extension')[]> =
  {
    downloadImported: ['extension'],
  };
export type ToBackgroundDownloads = {
  [K in keyof typeof toBackgroundDownloads]: v.InferOutput<(typeof toBackgroundDownloads)[K]>;
};
export interface BackgroundDownloadAnswers {
  downloadImported: true;
}

import * as v from 'valibot';
import { HIGHLIGHT_COLORS } from '@/utils/model';

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

/** Messages an extension page (popup, library, reader) sends to the content script of a tab. */
export const toContent = {
  /** Serialise the page for extraction (the content script never runs Readability itself). */
  capture: v.strictObject({}),
} as const;

/** Messages the content script (or an extension page) sends to the background. */
export const toBackground = {
  /** Liveness check; answers the extension version. */
  ping: v.strictObject({}),
} as const;

/** Which senders may send each background message: 'page' = a content script in a tab, 'extension' = an extension page. */
export const senders: Record<keyof typeof toBackground, readonly ('page' | 'extension')[]> = {
  ping: ['page', 'extension'],
};

export const selectorSchemas = { id, color, quote, position };

export type ToContent = { [K in keyof typeof toContent]: v.InferOutput<(typeof toContent)[K]> };
export type ToBackground = { [K in keyof typeof toBackground]: v.InferOutput<(typeof toBackground)[K]> };

/** What each message answers with (inside Result). */
export interface ContentAnswers {
  capture: PageCapture;
}
export interface BackgroundAnswers {
  ping: { version: string };
}

/** A serialised page, as the content script captures it. */
export interface PageCapture {
  url: string;
  title: string;
  html: string;
}

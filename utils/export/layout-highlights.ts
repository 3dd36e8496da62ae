import { isSpaceCode, type TextQuoteSelector } from '@/utils/model';

/** One stretch of a highlight inside one text segment, in that segment's own offsets. */
export interface MarkPiece {
  start: number;
  end: number;
  /** Index of the highlight in the list given to layoutHighlights. */
  highlight: number;
  /** True on the highlight's last piece: where a note marker goes. */
  last: boolean;
}

export interface HighlightLayout {
  /** Pieces by segment index, sorted by start and never overlapping. */
  pieces: Map<number, MarkPiece[]>;
  /** Indexes of the highlights that could not be placed (quote not found, or overlapping another). */
  unplaced: number[];
}

// A quote that is a very common word could occur thousands of times; context decides among the first few hundred.
const MAX_OCCURRENCES = 500;
const CONTEXT = 64;

/**
 * Places highlights over a document's text given as ordered segments (the text nodes an exporter
 * writes out one by one). Matching ignores whitespace entirely, because each exporter collapses
 * whitespace its own way and the stored quote was taken from whitespace-normalised text. When a
 * quote occurs several times, the occurrence whose surroundings best match the stored
 * prefix/suffix wins. Pieces never contain whitespace at either end, and a highlight is split at
 * segment boundaries so marks never cross the document's structure.
 */
export function layoutHighlights(
  segments: readonly string[],
  quotes: readonly TextQuoteSelector[],
): HighlightLayout {
  // The stream is the text without whitespace; segOf/offsetOf map each of its code units back.
  let length = 0;
  for (const text of segments) length += text.length;
  const segOf = new Int32Array(length);
  const offsetOf = new Int32Array(length);
  const stripped: string[] = [];
  let next = 0;
  segments.forEach((text, seg) => {
    for (let i = 0; i < text.length; i++) {
      if (isSpaceCode(text.charCodeAt(i))) continue;
      segOf[next] = seg;
      offsetOf[next++] = i;
    }
    stripped.push(strip(text));
  });
  const stream = stripped.join('');
  const taken = new Uint8Array(stream.length);
  const pieces = new Map<number, MarkPiece[]>();
  const unplaced: number[] = [];
  quotes.forEach((quote, highlight) => {
    const exact = strip(quote.exact);
    const at = exact ? bestOccurrence(stream, exact, strip(quote.prefix), strip(quote.suffix)) : -1;
    if (at < 0 || taken.subarray(at, at + exact.length).includes(1)) {
      unplaced.push(highlight);
      return;
    }
    taken.fill(1, at, at + exact.length);
    let piece: MarkPiece | null = null;
    for (let k = at; k < at + exact.length; k++) {
      const seg = segOf[k] as number;
      const offset = offsetOf[k] as number;
      if (piece && segOf[k - 1] === seg) {
        piece.end = offset + 1;
        continue;
      }
      piece = { start: offset, end: offset + 1, highlight, last: false };
      const list = pieces.get(seg) ?? [];
      list.push(piece);
      pieces.set(seg, list);
    }
    if (piece) piece.last = true;
  });
  for (const list of pieces.values()) list.sort((a, b) => a.start - b.start);
  return { pieces, unplaced };
}

function strip(text: string): string {
  return text.replace(/\s+/g, '');
}

function bestOccurrence(stream: string, exact: string, prefix: string, suffix: string): number {
  let best = -1;
  let bestScore = -1;
  let at = stream.indexOf(exact);
  for (let n = 0; at !== -1 && n < MAX_OCCURRENCES; n++) {
    const score = sharedBefore(stream, at, prefix) + sharedAfter(stream, at + exact.length, suffix);
    if (score > bestScore) [best, bestScore] = [at, score];
    at = stream.indexOf(exact, at + 1);
  }
  return best;
}

/** How many characters before `at` in the stream match the end of `prefix`. */
function sharedBefore(stream: string, at: number, prefix: string): number {
  let n = 0;
  while (n < CONTEXT && n < prefix.length && stream[at - 1 - n] === prefix[prefix.length - 1 - n]) n++;
  return n;
}

/** How many characters from `at` in the stream match the start of `suffix`. */
function sharedAfter(stream: string, at: number, suffix: string): number {
  let n = 0;
  while (n < CONTEXT && n < suffix.length && stream[at + n] === suffix[n]) n++;
  return n;
}

import { processTerm } from './process-term';

/** A run of snippet text; `marked` runs are words the search matched. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** About one line of the library's row. */
export const SNIPPET_LENGTH = 160;
/** Words past this point are not scanned: the index reads only the opening of a body too. */
const SCAN_LIMIT = 20_000;
/** Context kept before the first marked word, so the passage does not start on it. */
const LEAD = 30;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

interface Hit {
  start: number;
  end: number;
}

/** Where in `text` the words whose index term is one of `terms` stand. */
function findHits(text: string, terms: ReadonlySet<string>): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.slice(0, SCAN_LIMIT).matchAll(WORD)) {
    const term = processTerm(match[0]);
    if (term !== null && terms.has(term))
      hits.push({ start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

/** The window of `length` characters holding most hits (and, on a tie, the earliest). */
function densestWindow(hits: readonly Hit[], length: number): { from: number; count: number } {
  let best = { from: hits[0]!.start, count: 0 };
  let last = 0;
  for (let first = 0; first < hits.length; first++) {
    if (last < first) last = first;
    while (last + 1 < hits.length && hits[last + 1]!.end - hits[first]!.start <= length) last++;
    const count = last - first + 1;
    if (count > best.count) best = { from: hits[first]!.start, count };
  }
  return best;
}

/** Moves `index` back to the start of the word it falls in (or the space before it). */
function wordStart(text: string, index: number): number {
  const space = text.lastIndexOf(' ', index);
  return space < 0 ? 0 : space + 1;
}

/**
 * A passage of `text` around its densest cluster of matched words, cut to about `length`
 * characters on word boundaries, as runs of plain and marked text ("…" where it was cut). Null
 * when no word of `text` matches. `terms` are index terms (as processTerm gives them), such as
 * the ones a search matched in an article, so prefix and typo matches are marked as found.
 */
export function makeSnippet(
  text: string,
  terms: ReadonlySet<string>,
  length = SNIPPET_LENGTH,
): { parts: SnippetPart[]; hits: number } | null {
  const hits = findHits(text, terms);
  if (hits.length === 0) return null;
  const window = densestWindow(hits, length);
  const start = window.from - LEAD <= 0 ? 0 : wordStart(text, window.from - LEAD);
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    // Never cut back past the last marked word inside the window.
    const lastHit = hits.filter((h) => h.start >= start && h.end <= end).at(-1);
    if (space > (lastHit?.end ?? start)) end = space;
  }
  const parts: SnippetPart[] = [];
  const plain = (from: number, to: number) => {
    const piece = text.slice(from, to).replace(/\s+/g, ' ');
    if (piece) parts.push({ text: piece, marked: false });
  };
  let at = start;
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue;
    plain(at, hit.start);
    parts.push({ text: text.slice(hit.start, hit.end), marked: true });
    at = hit.end;
  }
  plain(at, end);
  if (start > 0) parts.unshift({ text: '…', marked: false });
  if (end < text.length) parts.push({ text: '…', marked: false });
  return { parts, hits: window.count };
}

/**
 * The best snippet among an article's texts (its body, then its highlights' quotes and notes):
 * the one with most matched words in its passage, the earliest text on a tie.
 */
export function bestSnippet(texts: readonly string[], terms: ReadonlySet<string>): SnippetPart[] | null {
  let best: { parts: SnippetPart[]; hits: number } | null = null;
  for (const text of texts) {
    const snippet = makeSnippet(text, terms);
    if (snippet && snippet.hits > (best?.hits ?? 0)) best = snippet;
  }
  return best?.parts ?? null;
}

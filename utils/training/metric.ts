/**
 * How extraction is scored against the WCXB answers.
 *
 * Shingle F1 is the ScrapingHub article-extraction-benchmark metric: tokens are runs of word
 * characters (Python's `\w+`, case kept), a text is the multiset of its 4-token shingles, and each
 * page's true/false positives and false negatives are counted on those multisets. Precision is the
 * mean over pages that produced any shingle, recall the mean over pages whose answer has any, and
 * F1 is the harmonic mean of those two means (so a long page weighs as much as a short one).
 *
 * Snippets: a page "leaks" when any of its "without" snippets appears in the output, and "misses"
 * when any of its "with" snippets does not. Both are compared as runs of whole tokens, case and
 * punctuation ignored: the answers write straight quotes where pages print curly ones ("aren't"
 * against "aren’t") and put spaces before punctuation ("Report ."). Over the corpus, on
 * Readability's output, a character match counted 1,738 of 5,797 "with" snippets missing (682
 * pages); 181 of them (128 pages) were there, word for word.
 */

const TOKEN = /[\p{L}\p{M}\p{N}_]+/gu;
export const SHINGLE_SIZE = 4;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The multiset of `size`-token shingles (none when the text has fewer tokens). */
export function shingles(text: string, size = SHINGLE_SIZE): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (let i = 0; i + size <= tokens.length; i++) {
    const key = tokens.slice(i, i + size).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

export function shingleCounts(truth: string, predicted: string): ShingleCounts {
  const expected = shingles(truth);
  const found = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of found) {
    const want = expected.get(key) ?? 0;
    tp += Math.min(count, want);
    fp += Math.max(0, count - want);
  }
  for (const [key, count] of expected) fn += Math.max(0, count - (found.get(key) ?? 0));
  return { tp, fp, fn };
}

export interface PageScore {
  /** null when the output has no shingle (left out of mean precision). */
  precision: number | null;
  /** null when the answer has no shingle (left out of mean recall). */
  recall: number | null;
}

export function scorePage(truth: string, predicted: string): PageScore {
  const { tp, fp, fn } = shingleCounts(truth, predicted);
  return {
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
  };
}

export interface Aggregate {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

export function aggregate(scores: readonly PageScore[]): Aggregate {
  const precision = mean(scores.flatMap((s) => (s.precision === null ? [] : [s.precision])));
  const recall = mean(scores.flatMap((s) => (s.recall === null ? [] : [s.recall])));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { pages: scores.length, precision, recall, f1 };
}

/**
 * How snippets are compared: the compatibility-normalised, lower-cased tokens, space-separated and
 * space-bounded (so a match is whole tokens), '' for a text without any.
 */
export function snippetForm(text: string): string {
  const tokens = tokenize(text.normalize('NFKC').toLowerCase());
  return tokens.length ? ` ${tokens.join(' ')} ` : '';
}

/** The "without" snippets found in `output` (boilerplate that survived). */
export function survivingSnippets(output: string, without: readonly string[]): string[] {
  const haystack = snippetForm(output);
  return without.filter((snippet) => snippetForm(snippet) && haystack.includes(snippetForm(snippet)));
}

/** The "with" snippets absent from `output` (content that was lost). */
export function missingSnippets(output: string, withSnippets: readonly string[]): string[] {
  const haystack = snippetForm(output);
  return withSnippets.filter((snippet) => snippetForm(snippet) && !haystack.includes(snippetForm(snippet)));
}

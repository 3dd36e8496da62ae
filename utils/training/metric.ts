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
 * when any of its "with" snippets does not. Both are compared as runs of whole tokens (but for the
 * last token of a snippet the answers cut at 80 characters, see CUT_LENGTHS), case and
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

export function shingleCounts(truth: string, predicted: string, size = SHINGLE_SIZE): ShingleCounts {
  const expected = shingles(truth, size);
  const found = shingles(predicted, size);
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
 * The WCXB benchmark's own page score (its evaluate.py, which its paper and leaderboard quote):
 * bags of lower-cased word tokens, precision and recall of their overlap, and that page's F1;
 * averaged over pages as it stands (a page with neither words scores 1, an empty output 0).
 * Printed beside shingle F1 so published figures can be set against ours; word order is not
 * scored, so it reads higher than shingle F1 on the same output.
 */
export function wordF1(truth: string, predicted: string): number {
  // Words are 1-token shingles: the same multiset counts.
  const { tp, fp, fn } = shingleCounts(truth.toLowerCase(), predicted.toLowerCase(), 1);
  if (!(tp + fn)) return tp + fp ? 0 : 1;
  if (!(tp + fp)) return 0;
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/**
 * How snippets are compared: the compatibility-normalised, lower-cased tokens, space-separated and
 * space-bounded (so a match is whole tokens), '' for a text without any.
 */
export function snippetForm(text: string): string {
  const tokens = tokenize(text.normalize('NFKC').toLowerCase());
  return tokens.length ? ` ${tokens.join(' ')} ` : '';
}

/**
 * The answers cut long snippets at 80 characters, often inside a word ("…with so many m"): of the
 * corpus's 5,797 "with" snippets, 250 end in part of a word, 247 of them at 80 characters and 3 at
 * 81. Such a snippet's last token is matched as the start of a word, so no output could find it
 * otherwise. Shorter snippets are whole and stay whole-token matches ("Subscriber" is not
 * "Subscribers").
 */
const CUT_LENGTHS = new Set([80, 81]);

function snippetNeedle(snippet: string): string {
  const form = snippetForm(snippet);
  return CUT_LENGTHS.has([...snippet].length) ? form.trimEnd() : form;
}

/** The "without" snippets found in `output` (boilerplate that survived). */
export function survivingSnippets(output: string, without: readonly string[]): string[] {
  const haystack = snippetForm(output);
  return without.filter((snippet) => {
    const needle = snippetNeedle(snippet);
    return needle && haystack.includes(needle);
  });
}

/** The "with" snippets absent from `output` (content that was lost). */
export function missingSnippets(output: string, withSnippets: readonly string[]): string[] {
  const haystack = snippetForm(output);
  return withSnippets.filter((snippet) => {
    const needle = snippetNeedle(snippet);
    return needle && !haystack.includes(needle);
  });
}

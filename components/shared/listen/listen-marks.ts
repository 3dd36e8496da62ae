/** Highlight names of the spoken sentence and word in the reader; reader.css paints them. */
export const SENTENCE_MARK = 'readmark-listen-sentence';
export const WORD_MARK = 'readmark-listen-word';

/** The two highlight names to mark under. */
export interface MarkNames {
  sentence: string;
  word: string;
}

const READER_NAMES: MarkNames = { sentence: SENTENCE_MARK, word: WORD_MARK };

/**
 * Marks what is being spoken with the CSS Custom Highlight API: the article's DOM (and the
 * reader's own highlights over it) is never touched. Where the API is missing nothing is marked;
 * listening still works. The word is painted above the sentence (a higher priority).
 */
export function showSpoken(
  win: Window & typeof globalThis,
  sentence: Range | null,
  word: Range | null,
  names: MarkNames = READER_NAMES,
) {
  const registry = win.CSS?.highlights;
  if (!registry || typeof win.Highlight !== 'function') return;
  for (const [name, range, priority] of [
    [names.sentence, sentence, 0],
    [names.word, word, 1],
  ] as const) {
    if (!range) {
      registry.delete(name);
      continue;
    }
    const highlight = new win.Highlight(range);
    highlight.priority = priority;
    registry.set(name, highlight);
  }
}

/** Scrolls the spoken sentence into view when it is out of it (or hidden under the tool bar). */
export function keepInView(win: Window, range: Range, topInset: number) {
  const rect = range.getBoundingClientRect();
  const bottomInset = win.innerHeight * 0.2;
  if (rect.top >= topInset && rect.bottom <= win.innerHeight - bottomInset) return;
  win.scrollBy({ top: rect.top - win.innerHeight / 3, behavior: 'instant' });
}

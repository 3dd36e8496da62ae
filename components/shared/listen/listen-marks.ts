/** Highlight names of the spoken sentence and word; reader.css paints them. */
export const SENTENCE_MARK = 'readmark-listen-sentence';
export const WORD_MARK = 'readmark-listen-word';

/**
 * Marks what is being spoken with the CSS Custom Highlight API: the article's DOM (and the
 * reader's own highlights over it) is never touched. Where the API is missing nothing is marked;
 * listening still works.
 */
export function showSpoken(win: Window & typeof globalThis, sentence: Range | null, word: Range | null) {
  const registry = win.CSS?.highlights;
  if (!registry || typeof win.Highlight !== 'function') return;
  for (const [name, range] of [
    [SENTENCE_MARK, sentence],
    [WORD_MARK, word],
  ] as const) {
    if (range) registry.set(name, new win.Highlight(range));
    else registry.delete(name);
  }
}

/** Scrolls the spoken sentence into view when it is out of it (or hidden under the tool bar). */
export function keepInView(win: Window, range: Range, topInset: number) {
  const rect = range.getBoundingClientRect();
  const bottomInset = win.innerHeight * 0.2;
  if (rect.top >= topInset && rect.bottom <= win.innerHeight - bottomInset) return;
  win.scrollBy({ top: rect.top - win.innerHeight / 3, behavior: 'instant' });
}

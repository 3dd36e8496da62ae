/**
 * utils/review: the daily review of highlights, pure. FSRS scheduling (ts-fsrs) of one card under
 * an injected clock, which highlights are reviewed (length, excluded and weighted articles), the
 * day's queue, and a highlight's paragraph of context in the stored article (annotation's text model).
 * Public surface: answer, newCard, dueQueue, isReviewable, wordCount, weightOf, readReviewSettings,
 * highlightContext.
 * Must not import: dexie, preact, browser APIs, storage, messaging, export, services, components.
 */
export { type HighlightContext, highlightContext } from './context';
export { type Answered, answer, newCard } from './schedule';
export {
  DAY_MS,
  type DueItem,
  dueQueue,
  isReviewable,
  readReviewSettings,
  weightOf,
  wordCount,
} from './select';

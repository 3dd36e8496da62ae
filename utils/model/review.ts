/**
 * The daily review of highlights (schema version 6). The scheduling itself (FSRS) is utils/review's;
 * these are the stored shapes, plain JSON with epoch-ms dates so they go into backups as they are.
 */

/** The four answers of a review, as FSRS grades them (1 = Again … 4 = Easy). */
export type ReviewRating = 1 | 2 | 3 | 4;
export const REVIEW_RATINGS: readonly ReviewRating[] = [1, 2, 3, 4];

/** FSRS's card states: 0 new, 1 learning, 2 review, 3 relearning. */
export type ReviewState = 0 | 1 | 2 | 3;

/**
 * One highlight's schedule, created the first time it is answered (a highlight without one is
 * new and due). Keyed by the highlight's id; deleting the highlight deletes it.
 */
export interface ReviewCard {
  highlightId: string;
  articleId: string;
  /** When it is next due (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: ReviewState;
  /** Last answer (epoch ms), null before the first. */
  lastReview: number | null;
}

/**
 * One answer, kept in the review log (and in backups). Keyed by highlight and time
 * ([highlightId+reviewedAt]): deleting a highlight deletes its log with its card.
 */
export interface ReviewLogEntry {
  highlightId: string;
  articleId: string;
  rating: ReviewRating;
  /** The card's state before this answer. */
  state: ReviewState;
  reviewedAt: number;
  /** The due date this answer set (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
}

/** How much an article's highlights come up: left out, less often, as usual, more often. */
export type ReviewWeight = 'excluded' | 'less' | 'normal' | 'more';
export const REVIEW_WEIGHTS: readonly ReviewWeight[] = ['excluded', 'less', 'normal', 'more'];

/** The reader's review settings (stored under the setting key `review`). */
export interface ReviewSettings {
  /** Highlights of fewer words are skipped (0 keeps every one). */
  minWords: number;
  /** Highlights of more words are skipped (0 keeps every one). */
  maxWords: number;
  /** New cards shown per 24 hours. */
  newPerDay: number;
  /** Articles whose weight is not `normal`, by id. */
  articles: Record<string, ReviewWeight>;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  minWords: 3,
  maxWords: 80,
  newPerDay: 20,
  articles: {},
};

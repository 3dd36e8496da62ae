import { type Card, createEmptyCard, fsrs, type Grade, type ReviewLog } from 'ts-fsrs';
import type { ReviewCard, ReviewLogEntry, ReviewRating, ReviewState, ReviewWeight } from '@/utils/model';

/**
 * FSRS with its published defaults (90% retention wanted), in whole days: no same-session
 * learning steps, since a highlight is read once a day, not drilled (Again brings it back
 * tomorrow). Fuzz spreads intervals so cards made the same day do not all come back together;
 * ts-fsrs seeds it from the review time and the card, so the same answers at the same clock give
 * the same schedule.
 */
const scheduler = fsrs({ enable_fuzz: true, enable_short_term: false });

/** How an article's weight stretches the intervals FSRS chose: more often = half as long. */
const INTERVAL_FACTOR: Record<Exclude<ReviewWeight, 'excluded'>, number> = { less: 2, normal: 1, more: 0.5 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** A highlight's schedule before its first answer: new, due now. */
export function newCard(highlightId: string, articleId: string, now: number): ReviewCard {
  return fromFsrs(highlightId, articleId, createEmptyCard(new Date(now)));
}

export interface Answered {
  card: ReviewCard;
  log: ReviewLogEntry;
}

/**
 * The card after an answer at `now`, and its log line. `card` is the stored schedule, or newCard's for a
 * highlight answered for the first time. Pure: the same inputs always give the same result (inject
 * `now`).
 */
export function answer(
  card: ReviewCard,
  rating: ReviewRating,
  now: number,
  weight: Exclude<ReviewWeight, 'excluded'> = 'normal',
): Answered {
  const next = scheduler.next(toFsrs(card), new Date(now), rating as Grade);
  const result = fromFsrs(card.highlightId, card.articleId, next.card);
  const factor = INTERVAL_FACTOR[weight];
  if (factor !== 1) {
    const days = Math.max(1, Math.round(result.scheduledDays * factor));
    result.scheduledDays = days;
    result.due = now + days * DAY_MS;
  }
  return { card: result, log: logEntry(card, next.log, result) };
}

function toFsrs(card: ReviewCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview === null ? undefined : new Date(card.lastReview),
  };
}

function fromFsrs(highlightId: string, articleId: string, card: Card): ReviewCard {
  return {
    highlightId,
    articleId,
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as number as ReviewState,
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

function logEntry(before: ReviewCard, log: ReviewLog, after: ReviewCard): ReviewLogEntry {
  return {
    highlightId: before.highlightId,
    articleId: before.articleId,
    rating: log.rating as number as ReviewRating,
    state: before.state,
    reviewedAt: log.review.getTime(),
    due: after.due,
    stability: after.stability,
    difficulty: after.difficulty,
    scheduledDays: after.scheduledDays,
  };
}

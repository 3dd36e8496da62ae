import {
  err,
  fail,
  type Highlight,
  ok,
  type Result,
  type ReviewCard,
  type ReviewLogEntry,
} from '@/utils/model';
import type { ReadmarkDb } from './db';
import { storageError } from './storage-error';

/** What the review queue is built from: every highlight and every stored schedule. */
export interface ReviewSource {
  highlights: Highlight[];
  cards: Map<string, ReviewCard>;
  /** New cards answered since the time asked for (the day's allowance). */
  newSince: number;
}

/**
 * Reads what the day's review needs in one read transaction. Highlights are small (quote, note,
 * selectors): even 10,000 of them are a few MB, and the queue needs all of them to choose.
 */
export async function readReviewSource(db: ReadmarkDb, since: number): Promise<ReviewSource> {
  return db.transaction('r', db.highlights, db.reviewCards, db.reviewLog, async () => {
    const [highlights, cards, recent] = await Promise.all([
      db.highlights.toArray(),
      db.reviewCards.toArray(),
      db.reviewLog.where('reviewedAt').above(since).toArray(),
    ]);
    return {
      highlights,
      cards: new Map(cards.map((card) => [card.highlightId, card])),
      newSince: recent.filter((line) => line.state === 0).length,
    };
  });
}

/**
 * Stores an answer: the card's new schedule and its log line, together. Refused when the highlight
 * was deleted meanwhile (its card would outlive it).
 */
export async function saveReviewAnswer(
  db: ReadmarkDb,
  card: ReviewCard,
  log: ReviewLogEntry,
): Promise<Result<ReviewCard>> {
  try {
    return await db.transaction('rw', db.highlights, db.reviewCards, db.reviewLog, async () => {
      if (!(await db.highlights.get(card.highlightId))) return err('highlight-gone');
      await db.reviewCards.put(card);
      await db.reviewLog.put(log);
      return ok(card);
    });
  } catch (error) {
    return fail(storageError(error));
  }
}

/** The review log, oldest answer first (tests and the backup read it in pages). */
export function listReviewLog(db: ReadmarkDb): Promise<ReviewLogEntry[]> {
  return db.reviewLog.orderBy('reviewedAt').toArray();
}

/** Every stored schedule. */
export function listReviewCards(db: ReadmarkDb): Promise<ReviewCard[]> {
  return db.reviewCards.toArray();
}

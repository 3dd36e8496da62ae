import {
  DEFAULT_REVIEW_SETTINGS,
  type Highlight,
  REVIEW_WEIGHTS,
  type ReviewCard,
  type ReviewSettings,
  type ReviewWeight,
} from '@/utils/model';
import { newCard } from './schedule';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Words as a reader counts them: runs of letters or digits (apostrophes and hyphens inside a word). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** The article's weight in the review (normal unless the reader changed it). */
export function weightOf(settings: ReviewSettings, articleId: string): ReviewWeight {
  return settings.articles[articleId] ?? 'normal';
}

/**
 * Whether a highlight is reviewed at all: its article is not excluded and it is neither very short
 * (a word or two says nothing out of context) nor very long (a page is not a card).
 */
export function isReviewable(highlight: Highlight, settings: ReviewSettings): boolean {
  if (weightOf(settings, highlight.articleId) === 'excluded') return false;
  const words = wordCount(highlight.quote.exact);
  if (settings.minWords > 0 && words < settings.minWords) return false;
  if (settings.maxWords > 0 && words > settings.maxWords) return false;
  return true;
}

export interface DueItem {
  highlight: Highlight;
  /** Its stored schedule, or a new card (due now) when it was never answered. */
  card: ReviewCard;
  isNew: boolean;
}

const WEIGHT_ORDER: Record<ReviewWeight, number> = { more: 0, normal: 1, less: 2, excluded: 3 };

/**
 * Today's queue at `now`, in the order it is shown: cards due (most overdue first, articles
 * weighted "more" before the others on the same day), then new highlights up to what is left of
 * the day's allowance (`newSeenToday` new cards were answered in the last 24 hours), oldest
 * highlight first, "more" articles first. Deterministic: the same records and clock give the same
 * queue.
 */
export function dueQueue(
  highlights: readonly Highlight[],
  cards: ReadonlyMap<string, ReviewCard>,
  settings: ReviewSettings,
  now: number,
  newSeenToday: number,
): DueItem[] {
  const due: DueItem[] = [];
  const fresh: DueItem[] = [];
  for (const highlight of highlights) {
    if (!isReviewable(highlight, settings)) continue;
    const card = cards.get(highlight.id);
    if (card) {
      if (card.due <= now) due.push({ highlight, card, isNew: false });
    } else fresh.push({ highlight, card: newCard(highlight.id, highlight.articleId, now), isNew: true });
  }
  const weight = (item: DueItem) => WEIGHT_ORDER[weightOf(settings, item.highlight.articleId)];
  due.sort(
    (a, b) =>
      Math.floor(a.card.due / DAY_MS) - Math.floor(b.card.due / DAY_MS) ||
      weight(a) - weight(b) ||
      a.card.due - b.card.due ||
      compareIds(a, b),
  );
  fresh.sort(
    (a, b) => weight(a) - weight(b) || a.highlight.createdAt - b.highlight.createdAt || compareIds(a, b),
  );
  const allowance = Math.max(0, settings.newPerDay - newSeenToday);
  return [...due, ...fresh.slice(0, allowance)];
}

function compareIds(a: DueItem, b: DueItem): number {
  return a.highlight.id < b.highlight.id ? -1 : a.highlight.id > b.highlight.id ? 1 : 0;
}

/** The review settings from whatever was stored (a restored backup may hold anything): bad values fall back to the defaults. */
export function readReviewSettings(raw: unknown): ReviewSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const whole = (field: unknown, fallback: number, max: number) =>
    typeof field === 'number' && Number.isInteger(field) && field >= 0 && field <= max ? field : fallback;
  const stored = value.articles;
  // fromEntries defines own properties: a `__proto__` id cannot reach the prototype.
  const articles: Record<string, ReviewWeight> = Object.fromEntries(
    typeof stored === 'object' && stored !== null && !Array.isArray(stored)
      ? Object.entries(stored).filter(
          ([, weight]) => REVIEW_WEIGHTS.includes(weight as ReviewWeight) && weight !== 'normal',
        )
      : [],
  );
  return {
    minWords: whole(value.minWords, DEFAULT_REVIEW_SETTINGS.minWords, 1000),
    maxWords: whole(value.maxWords, DEFAULT_REVIEW_SETTINGS.maxWords, 100_000),
    newPerDay: whole(value.newPerDay, DEFAULT_REVIEW_SETTINGS.newPerDay, 1000),
    articles,
  };
}

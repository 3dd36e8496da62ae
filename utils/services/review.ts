import { browser } from 'wxt/browser';
import type { Result, ReviewRating, ReviewSettings, ReviewWeight } from '@/utils/model';
import { answer, DAY_MS, type DueItem, dueQueue, readReviewSettings, weightOf } from '@/utils/review';
import {
  getSetting,
  observe,
  type ReadmarkDb,
  readReviewSource,
  saveReviewAnswer,
  setSetting,
} from '@/utils/storage';

/** The setting key of the review settings (a plain object: restored with the other settings). */
export const REVIEW_SETTINGS_KEY = 'review';

export async function loadReviewSettings(db: ReadmarkDb): Promise<ReviewSettings> {
  return readReviewSettings(await getSetting<unknown>(db, REVIEW_SETTINGS_KEY, undefined));
}

export async function saveReviewSettings(db: ReadmarkDb, settings: ReviewSettings): Promise<void> {
  await setSetting(db, REVIEW_SETTINGS_KEY, readReviewSettings(settings));
}

/** Excludes an article from the review, or weights it (`normal` clears the choice). */
export async function setArticleWeight(
  db: ReadmarkDb,
  articleId: string,
  weight: ReviewWeight,
): Promise<void> {
  const settings = await loadReviewSettings(db);
  const articles = { ...settings.articles };
  if (weight === 'normal') delete articles[articleId];
  else articles[articleId] = weight;
  await saveReviewSettings(db, { ...settings, articles });
}

/** The day's queue at `now` (the cards due, then the new highlights the day still allows). */
export async function loadReviewQueue(db: ReadmarkDb, now: number = Date.now()): Promise<DueItem[]> {
  const [settings, source] = await Promise.all([loadReviewSettings(db), readReviewSource(db, now - DAY_MS)]);
  return dueQueue(source.highlights, source.cards, settings, now, source.newSince);
}

/** Stores the reader's answer to a card at `now`, scheduled with the article's weight. */
export async function answerReview(
  db: ReadmarkDb,
  item: DueItem,
  rating: ReviewRating,
  now: number = Date.now(),
): Promise<Result<DueItem>> {
  const settings = await loadReviewSettings(db);
  const weight = weightOf(settings, item.highlight.articleId);
  const next = answer(item.card, rating, now, weight === 'excluded' ? 'normal' : weight);
  const saved = await saveReviewAnswer(db, next.card, next.log);
  return saved.ok ? { ok: true, value: { ...item, card: saved.value, isNew: false } } : saved;
}

/** The reader's page scrolled to one highlight, flashing it. */
export function highlightUrl(articleId: string, highlightId: string): string {
  return browser.runtime.getURL(
    `/reader.html?id=${encodeURIComponent(articleId)}&highlight=${encodeURIComponent(highlightId)}` as '/reader.html',
  );
}

export const REVIEW_BADGE_ALARM = 'readmark-review-badge';
const BADGE_PERIOD_MINUTES = 30;

/** The badge's text for a count of due cards: nothing when none is due. */
export function badgeText(due: number): string {
  return due === 0 ? '' : due > 999 ? '999+' : String(due);
}

/** Sets the toolbar badge to the count of cards due now (the review page calls it after each answer). */
export async function refreshReviewBadge(db: ReadmarkDb, now: number = Date.now()): Promise<number> {
  const due = (await loadReviewQueue(db, now)).length;
  await browser.action.setBadgeText({ text: badgeText(due) });
  return due;
}

/**
 * Keeps the badge true in the background: at start-up, every 30 minutes (cards fall due with the
 * clock) and after every change to highlights, schedules or settings (Dexie tells every context of
 * the extension's origin). No notification is ever shown. This registers the alarm's listener, at
 * the worker's top level as MV3 requires; startReviewBadge does the rest.
 */
export function setUpReviewBadge(db: ReadmarkDb) {
  browser.alarms.onAlarm.addListener((alarm) => {
    // A badge that cannot be computed stays as it was: the review page still shows the truth.
    if (alarm.name === REVIEW_BADGE_ALARM) void refreshReviewBadge(db).catch(() => undefined);
  });
}

/**
 * The badge's work at each start of the background, once the event that woke it is handled: the
 * periodic alarm (created once: created again at every start, it was pushed back each time), the
 * badge's colour, and the count kept current (liveQuery re-runs it whenever a table it read
 * changes: highlights, schedules, log, settings, in any page of the extension).
 */
export async function startReviewBadge(db: ReadmarkDb): Promise<void> {
  observe(
    () => loadReviewQueue(db).then((queue) => queue.length),
    (due) => void browser.action.setBadgeText({ text: badgeText(due) }).catch(() => undefined),
    () => undefined,
  );
  void browser.action.setBadgeBackgroundColor({ color: '#3b4a8c' }).catch(() => undefined);
  if (!(await browser.alarms.get(REVIEW_BADGE_ALARM)))
    await browser.alarms.create(REVIEW_BADGE_ALARM, { periodInMinutes: BADGE_PERIOD_MINUTES });
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorFromThrown, type ReviewRating } from '@/utils/model';
import type { DueItem } from '@/utils/review';
import { answerReview, loadReviewQueue, refreshReviewBadge } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { t } from '../shared/i18n';

export interface ReviewSession {
  /** The cards still to answer, the current one first; null while loading. */
  queue: DueItem[] | null;
  /** Cards answered in this session. */
  answered: number;
  error: string | null;
  busy: boolean;
  answer(rating: ReviewRating): Promise<void>;
  /** Reads the queue again (after the settings changed). */
  reload(): void;
}

/**
 * One sitting of the review: the day's queue read once (answering does not reshuffle it), each
 * answer stored, then the card leaves the queue (the schedule is in whole days: nothing comes back
 * the same day). The toolbar badge follows each answer.
 */
export function useReviewSession(db: ReadmarkDb, now: () => number = Date.now): ReviewSession {
  const [queue, setQueue] = useState<DueItem[] | null>(null);
  const [answered, setAnswered] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  // `generation` changes to ask for a fresh read (reload).
  useEffect(() => {
    let live = true;
    loadReviewQueue(db, now()).then(
      (items) => live && setQueue(items),
      (cause) => live && setError(t('reviewError', errorMessage(errorFromThrown(cause)))),
    );
    return () => {
      live = false;
    };
  }, [db, generation]);

  const answer = useCallback(
    async (rating: ReviewRating) => {
      const current = queue?.[0];
      if (!current || busy) return;
      setBusy(true);
      try {
        const at = now();
        const result = await answerReview(db, current, rating, at);
        if (!result.ok) {
          // The highlight was deleted meanwhile: it leaves the queue; anything else stays to retry.
          if (result.error.code === 'highlight-gone') setQueue((items) => items?.slice(1) ?? null);
          setError(t('reviewError', errorMessage(result.error)));
          return;
        }
        setError(null);
        setAnswered((n) => n + 1);
        setQueue((items) => items?.slice(1) ?? null);
        void refreshReviewBadge(db, at).catch(() => undefined);
      } catch (cause) {
        setError(t('reviewError', errorMessage(errorFromThrown(cause))));
      } finally {
        setBusy(false);
      }
    },
    [db, queue, busy, now],
  );

  return { queue, answered, error, busy, answer, reload: () => setGeneration((n) => n + 1) };
}

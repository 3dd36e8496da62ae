import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  errorFromThrown,
  REVIEW_RATINGS,
  type ReviewRating,
  type ReviewSettings,
  type ReviewWeight,
} from '@/utils/model';
import { weightOf } from '@/utils/review';
import { loadReviewSettings, saveReviewSettings, setArticleWeight } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { t, tn } from '../shared/i18n';
import { SettingsLink } from '../shared/SettingsLink';
import { ReviewCard } from './ReviewCard';
import { ReviewSettingsForm } from './ReviewSettingsForm';
import { useReviewSession } from './use-review-session';

/** review.html: today's cards one at a time, answered with the buttons or the keys 1 to 4. */
export function ReviewApp({ db }: { db: ReadmarkDb }) {
  const session = useReviewSession(db);
  const [settings, setSettings] = useState<ReviewSettings | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const current = session.queue?.[0];

  useEffect(() => {
    loadReviewSettings(db).then(setSettings, (cause) => setFailure(errorMessage(errorFromThrown(cause))));
  }, [db]);

  // 1–4 answer, unless the reader is typing in a field or holds a modifier (browser shortcuts).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea, [contenteditable]')) return;
      const rating = Number(event.key) as ReviewRating;
      if (!REVIEW_RATINGS.includes(rating)) return;
      event.preventDefault();
      void session.answer(rating);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [session.answer]);

  const changeWeight = async (articleId: string, weight: ReviewWeight) => {
    try {
      await setArticleWeight(db, articleId, weight);
      setSettings(await loadReviewSettings(db));
      if (weight === 'excluded') session.reload();
    } catch (cause) {
      setFailure(errorMessage(errorFromThrown(cause)));
    }
  };
  const saveSettings = async (next: ReviewSettings) => {
    await saveReviewSettings(db, next);
    setSettings(await loadReviewSettings(db));
    session.reload();
  };

  const error = session.error ?? (failure && t('reviewError', failure));
  return (
    <main class="review">
      <header class="review-header">
        <h1>{t('reviewTitle')}</h1>
        <a href={browser.runtime.getURL('/library.html')}>{t('reviewBackToLibrary')}</a>
        <SettingsLink />
      </header>
      {error && (
        <p role="alert" class="notice">
          {error}
        </p>
      )}
      <p role="status" class="review-count">
        {session.queue === null
          ? t('reviewLoading')
          : session.queue.length > 0
            ? tn('reviewRemaining', session.queue.length)
            : ''}
      </p>
      {session.queue !== null && !current && (
        <p class="review-empty">{session.answered > 0 ? t('reviewDone') : t('reviewEmpty')}</p>
      )}
      {current && settings && (
        <ReviewCard
          key={`${current.highlight.id} ${session.answered}`}
          db={db}
          item={current}
          weight={weightOf(settings, current.highlight.articleId)}
          busy={session.busy}
          onAnswer={(rating) => void session.answer(rating)}
          onWeight={(weight) => void changeWeight(current.highlight.articleId, weight)}
        />
      )}
      {settings && <ReviewSettingsForm settings={settings} onSave={saveSettings} />}
    </main>
  );
}

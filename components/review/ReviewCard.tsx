import { REVIEW_RATINGS, REVIEW_WEIGHTS, type ReviewRating, type ReviewWeight } from '@/utils/model';
import type { DueItem } from '@/utils/review';
import { highlightUrl } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { HIGHLIGHT_PAINT } from '../shared/highlight-colors';
import { type MessageKey, t } from '../shared/i18n';
import { useCardContext } from './use-card-context';

const RATING_LABELS: Record<ReviewRating, MessageKey> = {
  1: 'reviewAgain',
  2: 'reviewHard',
  3: 'reviewGood',
  4: 'reviewEasy',
};

const WEIGHT_LABELS: Record<ReviewWeight, MessageKey> = {
  excluded: 'reviewWeightExcluded',
  less: 'reviewWeightLess',
  normal: 'reviewWeightNormal',
  more: 'reviewWeightMore',
};

interface Props {
  db: ReadmarkDb;
  item: DueItem;
  weight: ReviewWeight;
  busy: boolean;
  onAnswer(rating: ReviewRating): void;
  onWeight(weight: ReviewWeight): void;
}

/** One card: the highlight in its paragraph, the note, where to read it, and the four answers. */
export function ReviewCard({ db, item, weight, busy, onAnswer, onWeight }: Props) {
  const { highlight } = item;
  const context = useCardContext(db, highlight);
  const paint = HIGHLIGHT_PAINT[highlight.color];
  const mark = (text: string) => (
    <mark style={{ background: paint.background, color: paint.text }}>{text}</mark>
  );
  return (
    <article class="review-card" aria-labelledby="review-card-source" data-highlight-id={highlight.id}>
      <p class="review-source" id="review-card-source">
        {context.kind === 'ready' && context.title ? t('reviewFrom', context.title) : '\u00a0'}
      </p>
      <blockquote class="review-context" aria-busy={context.kind === 'loading'}>
        {context.kind === 'ready' && context.context ? (
          <p>
            {context.context.before}
            {mark(context.context.quote)}
            {context.context.after}
          </p>
        ) : (
          <p>{mark(highlight.quote.exact)}</p>
        )}
      </blockquote>
      {context.kind === 'ready' && !context.context && (
        <p class="review-no-context">{t('reviewNoContext')}</p>
      )}
      {highlight.note && (
        <section class="review-note" aria-label={t('reviewNote')}>
          <h2>{t('reviewNote')}</h2>
          <p>{highlight.note}</p>
        </section>
      )}
      <p class="review-links">
        <a href={highlightUrl(highlight.articleId, highlight.id)} target="_blank" rel="noopener">
          {t('reviewOpenAtHighlight')}
        </a>
        <label class="review-weight">
          {t('reviewWeight')}{' '}
          <select value={weight} onChange={(e) => onWeight(e.currentTarget.value as ReviewWeight)}>
            {REVIEW_WEIGHTS.map((w) => (
              <option key={w} value={w}>
                {t(WEIGHT_LABELS[w])}
              </option>
            ))}
          </select>
        </label>
      </p>
      <fieldset class="review-answers">
        <legend>{t('reviewAnswers')}</legend>
        {REVIEW_RATINGS.map((rating) => (
          <button
            key={rating}
            type="button"
            class={`review-answer review-answer-${rating}`}
            disabled={busy}
            aria-keyshortcuts={String(rating)}
            onClick={() => onAnswer(rating)}
          >
            <kbd>{rating}</kbd> {t(RATING_LABELS[rating])}
          </button>
        ))}
        <p class="review-hint">{t('reviewKeysHint')}</p>
      </fieldset>
    </article>
  );
}

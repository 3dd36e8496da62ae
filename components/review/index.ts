// components/review: the daily review page (review.html): cards, answers, per-article weights, settings.
export { ReviewApp } from './ReviewApp';

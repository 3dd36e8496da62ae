import { t, tn } from './i18n';

/** A date for people, in the browser's locale; empty for missing or unparseable dates. */
export function formatDate(value: string | number | null | undefined): string {
  if (value == null || value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function formatReadingTime(minutes: number): string {
  return t('minutesRead', String(minutes));
}

export function formatWordCount(words: number): string {
  return tn('wordCount', words);
}

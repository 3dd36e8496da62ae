import { t, tn } from './i18n';

/**
 * Intl.DateTimeFormat instances, one per locale and options. Building one costs far more than
 * formatting with it (toLocaleDateString builds one on every call), and the library formats a
 * date for every row it renders.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** A date for people, in the browser's locale; empty for missing or unparseable dates. */
export function formatDate(value: string | number | null | undefined): string {
  if (value == null || value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : dateFormat(undefined, { dateStyle: 'medium' }).format(date);
}

export function formatReadingTime(minutes: number): string {
  return t('minutesRead', String(minutes));
}

export function formatWordCount(words: number): string {
  return tn('wordCount', words);
}

/** "3 pictures, 412 KB" style sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

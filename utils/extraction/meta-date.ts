/**
 * Publication dates as pages write them, made ISO 8601 without moving them to another day: a page
 * that says "2025-09-04T22:00:00-04:00" published on 4 September where it is, and UTC would call
 * that the 5th. So an offset the page gives is kept, a date without a time stays a date
 * ("2025-09-04"), and only dates written some other way go through Date.parse.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
// "September 4, 2025", "Sep 4th 2025" and "4 September 2025", "4th of Sept. 2025".
const MONTH_DAY_YEAR = `${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`;
const DAY_MONTH_YEAR = `(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH},?\\s+(\\d{4})`;
const MONTH_FIRST = new RegExp(`\\b${MONTH_DAY_YEAR}\\b`, 'i');
const DAY_FIRST = new RegExp(`\\b${DAY_MONTH_YEAR}\\b`, 'i');
// /2025/09/04/ or /2025-09-04- in a URL's path.
const URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)/;

/** `value` as ISO 8601 (see above), or null when it is no date. */
export function normaliseDate(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second = '00', zone] = iso;
    const date = ymd(Number(year), Number(month), Number(day));
    if (!date) return null;
    if (hour === undefined || Number(hour) > 23 || Number(minute) > 59) return date;
    const time = `${date}T${hour}:${minute}:${second}`;
    if (!zone) return time;
    if (zone.toUpperCase() === 'Z') return `${time}Z`;
    const digits = zone.replace(':', '');
    return `${time}${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  }
  const written = MONTH_FIRST.exec(text);
  if (written) return ymd(Number(written[3]), monthNumber(written[1]!), Number(written[2]));
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return ymd(Number(dayFirst[3]), monthNumber(dayFirst[2]!), Number(dayFirst[1]));
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

// What a theme writes around the date it shows under a headline: "Published on", "Last updated:",
// "[Submitted on …]", "- Mar 27, 2024", a weekday, a time after it.
const LINE_LABEL =
  /^(?:(?:originally|first|last)\s+)?(?:published|posted|updated|modified|submitted|written|dated?)(?:\s+(?:on|at))?\s*:?\s*/i;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const LINE_DATE = [
  new RegExp(`^${MONTH_DAY_YEAR}`, 'i'),
  new RegExp(`^${DAY_MONTH_YEAR}`, 'i'),
  /^(\d{4})-(\d{2})-(\d{2})/,
];
// After the date: nothing, or a time ("20 Dec 2025, 11:59", "18 Dec 2025 06:55:17 UTC").
const LINE_REST = /^(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\b.{0,20})?$/i;
const MAX_LINE = 60;

/**
 * The calendar day of a short line that states only a date, as themes print one by the headline
 * ("Dec 12, 2025", "Published on July 18, 2025", "Updated: December 09, 2025"), else null. Whole
 * line only, and month names or ISO only: a date inside a sentence, or "09/10/2025" (which day?),
 * is no page's date.
 */
export function dateLine(text: string): string | null {
  let line = text.replace(/\s+/g, ' ').trim();
  if (line.length > MAX_LINE) return null;
  line = line
    .replace(/^[[(|•·\-–—\s]+|[\])\s]+$/g, '')
    .replace(LINE_LABEL, '')
    .replace(WEEKDAY, '');
  for (const pattern of LINE_DATE) {
    const match = pattern.exec(line);
    // The line is that date and no more: read it as any written date is read.
    if (match && LINE_REST.test(line.slice(match[0].length))) return calendarDate(normaliseDate(match[0]));
  }
  return null;
}

/** A date written in the path of `url` (/2025/09/04/…), or null. */
export function dateInUrl(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = URL_DATE.exec(pathname);
  return match ? ymd(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** The calendar day of a normalised date ("2025-09-04"), as the page stated it. */
export function calendarDate(iso: string | null): string | null {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
}

function ymd(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

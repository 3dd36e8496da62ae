/**
 * Title / author / date exact-match against the WCXB answers, plain Readability's metadata vs
 * Readmark's, on one part of the committed host split (`validation` for the figures we quote;
 * `train` while developing). Run by `npm run bench:extract`, or alone:
 * `tsx tests/bench/metadata-accuracy.ts [train|validation]`.
 *
 * Normalisation before comparing (nothing else is forgiven):
 * - title and author: Unicode NFKC, typographic quotes made straight (’ → ', “” → "), runs of
 *   whitespace made one space, trimmed, lower-cased;
 * - date: the calendar day (YYYY-MM-DD) the value names as written (an ISO string's first ten
 *   characters, so a page's own time zone is kept; anything else through Date.parse, in UTC);
 * - a null answer is matched only by a missing value.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractFromHtml } from '@/utils/extraction';
import {
  corpusAvailable,
  loadSplit,
  loadTruth,
  type Part,
  partOf,
  readPageHtml,
  type TruthPage,
} from '../../utils/training';

interface Fields {
  title: string | null;
  author: string | null;
  date: string | null;
}

const FIELDS = ['title', 'author', 'date'] as const;

export function normaliseName(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFKC')
    .replace(/[‘’‛]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function calendarDay(value: string | null | undefined): string {
  if (!value) return '';
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(value.trim());
  if (iso) return iso[0];
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 10);
}

/** Which fields of `found` match the answer. */
export function matches(page: TruthPage, found: Fields): Record<(typeof FIELDS)[number], boolean> {
  return {
    title: normaliseName(found.title) === normaliseName(page.title),
    author: normaliseName(found.author) === normaliseName(page.author),
    date: calendarDay(found.date) === calendarDay(page.publish_date),
  };
}

function readabilityFields(html: string): Fields {
  try {
    const parsed = new Readability(parseHTML(html).document as unknown as Document).parse();
    return {
      title: parsed?.title ?? null,
      author: parsed?.byline ?? null,
      date: parsed?.publishedTime ?? null,
    };
  } catch {
    // Readability throws on a few pages (a top candidate with no <body> above it in linkedom).
    return { title: null, author: null, date: null };
  }
}

function readmarkFields(html: string, url: string): Fields {
  try {
    const article = extractFromHtml(html, { url });
    return { title: article.title, author: article.byline, date: article.publishedTime };
  } catch {
    return { title: null, author: null, date: null };
  }
}

/** Prints the accuracies for `part`, overall and for article pages. */
export function benchMetadata(part: Part = 'validation'): void {
  if (!corpusAvailable()) {
    console.warn('\nMetadata accuracy skipped: ../shared/corpora/wcxb-train not found');
    return;
  }
  const split = loadSplit();
  const pages = loadTruth().filter((page) => partOf(page, split) === part);
  const groups = { all: pages, article: pages.filter((page) => page.page_type === 'article') };
  const hits = { plain: new Map<TruthPage, Fields>(), readmark: new Map<TruthPage, Fields>() };
  for (const page of pages) {
    const html = readPageHtml(page.id);
    hits.plain.set(page, readabilityFields(html));
    hits.readmark.set(page, readmarkFields(html, page.url));
  }
  console.log(`\nMetadata exact match, WCXB ${part} part (normalisation: tests/bench/metadata-accuracy.ts)`);
  for (const [group, list] of Object.entries(groups)) {
    for (const [name, found] of [
      ['plain Readability', hits.plain],
      ['Readmark pipeline', hits.readmark],
    ] as const) {
      const counts = { title: 0, author: 0, date: 0 };
      for (const page of list) {
        const result = matches(page, found.get(page)!);
        for (const field of FIELDS) if (result[field]) counts[field]++;
      }
      const share = (field: (typeof FIELDS)[number]) => (counts[field] / Math.max(1, list.length)).toFixed(3);
      console.log(
        `  ${`${group} (${list.length})`.padEnd(15)} ${name.padEnd(20)} title ${share('title')}  author ${share('author')}  date ${share('date')}`,
      );
    }
  }
}

if (process.argv[1]?.endsWith('metadata-accuracy.ts'))
  benchMetadata((process.argv[2] as Part) ?? 'validation');

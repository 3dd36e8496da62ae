import {
  type ArticleContent,
  type ArticleMeta,
  DEFAULT_COLOR_NAMES,
  HIGHLIGHT_COLORS,
  type Highlight,
  type HighlightColor,
} from '@/utils/model';
import { replaceImageSources } from './article-images';
import { escapeHtml } from './escape-html';
import { isoDate } from './front-matter';
import { htmlTextRuns } from './html-text-runs';
import { layoutHighlights } from './layout-highlights';
import { safeUrl } from './safe-url';
import { STANDALONE_HTML_STYLE } from './standalone-html-style';

// Nothing may load or run but inline styles and images: no script, frame, font, fetch or form target.
const CSP = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'";
const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

export interface StandaloneHtmlOptions {
  colorNames?: Partial<Record<HighlightColor, string>>;
  /** Stored pictures by the URL the article names them with, as data: URLs: the file opens offline. */
  images?: ReadonlyMap<string, string>;
  /** BCP 47 locale the header's dates are written for (the reader's); English by default. */
  locale?: string;
  /** The header's words, in the reader's language; English by default. */
  wording?: Partial<HeaderWording>;
}

export interface HeaderWording {
  saved(date: string): string;
  readingTime(minutes: number): string;
  tags(list: string): string;
}

const ENGLISH: HeaderWording = {
  saved: (date) => `Saved ${date}`,
  readingTime: (minutes) => `${minutes} min read`,
  tags: (list) => `Tags: ${list}`,
};

/**
 * One article as a single self-contained HTML file that opens offline in any browser: a metadata
 * header, the article passed through `sanitise` (DOMPurify with Readmark's policy), highlights as
 * coloured <mark>s with their notes in the margin, and every highlight listed at the end (the
 * footnotes when printed, including any whose quote was not found in the text). A strict CSP
 * meta tag forbids every script; every metadata field is HTML-escaped.
 */
export function toStandaloneHtml(
  meta: ArticleMeta,
  content: ArticleContent,
  highlights: readonly Highlight[],
  sanitise: (html: string) => string,
  options: StandaloneHtmlOptions = {},
): string {
  const names = { ...DEFAULT_COLOR_NAMES, ...options.colorNames };
  const marked = markHighlights(sanitise(content.contentHtml), highlights, names);
  // After the sanitiser (which drops data: URLs) and after marking (no need to scan the bytes for text).
  const body = replaceImageSources(marked.body, options.images ?? new Map());
  const { order } = marked;
  const lang = meta.lang && LANG.test(meta.lang) ? ` lang="${meta.lang}"` : '';
  const dir = meta.dir === 'rtl' || meta.dir === 'ltr' ? ` dir="${meta.dir}"` : '';
  return `<!DOCTYPE html>
<html${lang}${dir}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>${STANDALONE_HTML_STYLE}</style>
</head>
<body>
<div class="page">
${header(meta, options)}
<article>
${body}
</article>
${notesSection(order, names)}
</div>
</body>
</html>
`;
}

function header(meta: ArticleMeta, { locale = 'en', wording }: StandaloneHtmlOptions): string {
  const words = { ...ENGLISH, ...wording };
  const url = safeUrl(meta.url, meta.url);
  const saved = timeElement(isoDate(meta.savedAt), locale);
  const published = timeElement(meta.publishedTime, locale);
  const byline = [
    ...[meta.byline, meta.siteName].filter(Boolean).map((s) => escapeHtml(s as string)),
    ...(published ? [published] : meta.publishedTime ? [escapeHtml(meta.publishedTime)] : []),
  ];
  const facts = [
    saved ? around(words.saved, saved) : '',
    Number.isFinite(meta.readingTimeMinutes) ? escapeHtml(words.readingTime(meta.readingTimeMinutes)) : '',
    meta.tags.length ? around(words.tags, meta.tags.map(escapeHtml).join(', ')) : '',
  ].filter(Boolean);
  return `<header class="meta">
<h1>${escapeHtml(meta.title)}</h1>
${byline.length ? `<p class="byline">${byline.join(' · ')}</p>\n` : ''}${url ? `<p class="source"><a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(meta.url)}</a></p>\n` : ''}${facts.length ? `<p class="facts">${facts.join(' · ')}</p>\n` : ''}</header>`;
}

/** Highlights in note order: those marked in the text (reading order), then those not found. */
type NoteOrder = { highlight: Highlight; found: boolean }[];

function markHighlights(
  html: string,
  highlights: readonly Highlight[],
  names: Record<HighlightColor, string>,
): { body: string; order: NoteOrder } {
  const runs = htmlTextRuns(html);
  const layout = layoutHighlights(
    runs.map((run) => run.text),
    highlights.map((h) => h.quote),
  );
  const order: NoteOrder = [];
  let out = '';
  let copied = 0;
  // Note markers for highlights inside a link wait until the link closes (a note must not be link text).
  const pending: { at: number; markup: string }[] = [];
  const copyTo = (to: number) => {
    while (pending[0] && pending[0].at <= to) {
      const { at, markup } = pending.shift() as { at: number; markup: string };
      out += html.slice(copied, at) + markup;
      copied = at;
    }
    out += html.slice(copied, to);
    copied = to;
  };
  runs.forEach((run, index) => {
    for (const piece of layout.pieces.get(index) ?? []) {
      const highlight = highlights[piece.highlight] as Highlight;
      const color = colorOf(highlight);
      const to = run.unitEnd[piece.end - 1] as number;
      copyTo(run.unitStart[piece.start] as number);
      out += `<mark class="hl hl-${color}" title="${escapeHtml(names[color])}">${html.slice(copied, to)}</mark>`;
      copied = to;
      if (!piece.last) continue;
      order.push({ highlight, found: true });
      const markup = noteMarker(order.length, highlight.note);
      if (run.linkEnd === undefined) out += markup;
      else pending.push({ at: run.linkEnd, markup });
    }
  });
  copyTo(html.length);
  for (const i of layout.unplaced) order.push({ highlight: highlights[i] as Highlight, found: false });
  return { body: out, order };
}

/** The number after a highlight, and its note for the margin. */
function noteMarker(n: number, note: string): string {
  const sidenote = note.trim() ? `<span class="sidenote"><b>${n}.</b> ${escapeHtml(note.trim())}</span>` : '';
  return `<sup class="ref">${n}</sup>${sidenote}`;
}

function notesSection(order: NoteOrder, names: Record<HighlightColor, string>): string {
  if (!order.length) return '';
  const items = order.map(({ highlight, found }) => {
    const color = colorOf(highlight);
    const note = highlight.note.trim() ? `<p class="note">${escapeHtml(highlight.note.trim())}</p>` : '';
    const where = found ? '' : ' (not found in the text)';
    return `<li><blockquote class="hl-${color}">${escapeHtml(highlight.quote.exact)}</blockquote><p class="colour">${escapeHtml(names[color])}${where}</p>${note}</li>`;
  });
  return `<section class="notes">\n<h2>Highlights</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`;
}

/** The colour as a class name: only a known colour may reach the markup (imported data is untrusted). */
function colorOf(highlight: Highlight): HighlightColor {
  return HIGHLIGHT_COLORS.includes(highlight.color) ? highlight.color : 'yellow';
}

/**
 * A date for people in `locale` (day precision: the time of day would be the exporting machine's
 * zone, not the article's), keeping the machine-readable value in datetime; null if unparseable.
 */
function timeElement(value: string | null | undefined, locale: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  let shown: string;
  try {
    shown = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    shown = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(shown)}</time>`;
}

/** A translated phrase around some markup: the phrase is escaped, the markup (already safe) is not. */
function around(phrase: (slot: string) => string, markup: string): string {
  return escapeHtml(phrase('\u0000')).replace('\u0000', markup);
}

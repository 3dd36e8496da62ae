import { type ExtractedArticle, normaliseUrl } from '@/utils/model';
import { blockLines, blockText, UNSEEN } from './block-text';
import { safeGet } from './defuse-page';
import { type JsonLdFacts, parseJsonLd, readJsonLd } from './json-ld';
import { cleanAuthor, joinAuthors } from './meta-author';
import { dateInUrl, dateLine, normaliseDate } from './meta-date';
import { cleanTitle } from './meta-title';
import { toAbsolute } from './resolve-media';
import { walkElements } from './walk-elements';

/** Page facts read before prepare and Readability run (they delete JSON-LD, bylines and most of <body>). */
export interface PageFacts {
  jsonLd: Record<string, unknown>[];
  meta: Map<string, string>;
  canonicalHref: string | null;
  baseHref: string | null;
  /** The first <time> that holds a date (its datetime, else its text), and the first one marked as the publication date. */
  firstTime: string | null;
  publishedTime: string | null;
  /** The first line after the first <h1> that states only a date, close below it (see dateLine). */
  shownDate: string | null;
  /** The last line before the first <h1> that states only a date, close above it ("Last updated: Dec 12, 2025" over the headline). */
  shownDateAbove: string | null;
  /** Text of the first author link (rel="author", or a link in a theme's author-name slot). */
  authorLink: string | null;
  /** The name of the first link to an author's page (`/author/ada-moor/`) whose text is that name. */
  authorPageLink: string | null;
  /** The name in the first "By …" line close below the first <h1> (see BY_LINE). */
  shownByline: string | null;
  /** Lines of the elements a theme marks as the byline or the author's name (itemprop, class), first few. */
  bylines: string[][];
  /** Text of the page's first <h1>s. */
  headings: string[];
  htmlLang: string | null;
  htmlDir: string | null;
  title: string;
}

/** What Readability found, as its parse() returns it. */
export interface ReadabilityMetadata {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  excerpt?: string | null;
  lang?: string | null;
  dir?: string | null;
}

/** The article's metadata fields; the excerpt is null when the page has none (the text supplies it). */
export type Metadata = Pick<
  ExtractedArticle,
  'title' | 'byline' | 'siteName' | 'publishedTime' | 'lang' | 'dir' | 'leadImage' | 'canonicalUrl'
> & { excerpt: string | null };

// A handful is enough: the byline and headline sit near the top; the rest are comments and teasers.
const MAX_BYLINES = 4;
const MAX_HEADINGS = 3;
const BYLINE_CLASS =
  /(?:^|[\s_-])(?:byline|by-line|author|authors|writer|posted-by)(?:$|[\s_-])|author-?name/i;
// Comment threads and author bio boxes name other people or say far more than a name.
const NOT_BYLINE = /comment|reply|respond|bio\b|avatar|related|widget|share|follow/i;
const SKIPPED = new Set(['script', 'style', 'template', 'svg', 'noscript', 'nav', 'footer', 'form', 'aside']);
// A byline's <time> is its date, not part of the name ("Daniel Ferreira" + "April 9, 2024").
const NOT_NAME = new Set([...UNSEEN, 'time']);

/**
 * The facts a page states about itself, from <head> and one walk of <body> (before prepare
 * removes anything: an author box it drops as boilerplate still names the author).
 */
export function readPageFacts(doc: Document): PageFacts {
  const html = safeGet<HTMLElement | null>(doc, 'documentElement');
  const facts: PageFacts = {
    jsonLd: [],
    meta: new Map(),
    canonicalHref: null,
    baseHref: null,
    firstTime: null,
    publishedTime: null,
    shownDate: null,
    shownDateAbove: null,
    authorLink: null,
    authorPageLink: null,
    shownByline: null,
    bylines: [],
    headings: [],
    htmlLang: html?.getAttribute('lang') ?? html?.getAttribute('xml:lang') ?? null,
    htmlDir: html?.getAttribute('dir') ?? null,
    // Read from the prototype: <img name="title"> shadows document.title in a real DOM.
    title: String(safeGet<string | null>(doc, 'title') ?? ''),
  };
  const head = html?.firstElementChild?.localName === 'head' ? html.firstElementChild : null;
  for (let el = head?.firstElementChild ?? null; el; el = el.nextElementSibling) notePageElement(facts, el);
  const body = safeGet<HTMLElement | null>(doc, 'body');
  // Elements walked since the first <h1> (-1 before it).
  let belowHeading = -1;
  // Before it: the last date-only line, and the elements walked since.
  let dateAbove: string | null = null;
  let sinceDateAbove = 0;
  if (body)
    walkElements(body, (el) => {
      notePageElement(facts, el);
      if (belowHeading < 0) {
        if (el.localName === 'h1') {
          belowHeading = 0;
          if (sinceDateAbove <= ABOVE_WINDOW) facts.shownDateAbove = dateAbove;
        } else {
          const date = el.firstElementChild ? null : dateLine(el.textContent ?? '');
          if (date) [dateAbove, sinceDateAbove] = [date, 0];
          else sinceDateAbove++;
        }
      } else if (belowHeading++ < BYLINE_WINDOW) noteShownByline(facts, el);
      return !SKIPPED.has(el.localName);
    });
  return facts;
}

// A theme prints the date and the byline just under the headline (or in its hero); further
// down, a date-only line is a comment's, a teaser's or an event's, and a "By …" line a teaser's.
const BYLINE_WINDOW = 40;
// Some print it just over the headline ("Last updated:" and the date, then the <h1>); further up
// a date is the masthead's (today's) or a menu's.
const ABOVE_WINDOW = 10;
// "By Ada Moor", "Written by Ada Moor · 3 min read", "by: Ada Moor, Dec 17": short, so that a
// sentence starting with "By" is no byline.
const BY_LINE = /^(?:(?:written|posted)\s+)?by\b:?\s+\S/i;
const MAX_BY_LINE = 80;

/** The date or "By …" line `el` shows, if it is the first one below the headline. */
function noteShownByline(facts: PageFacts, el: Element): void {
  if (!facts.shownDate && !el.firstElementChild) facts.shownDate = dateLine(el.textContent ?? '');
  if (facts.shownByline) return;
  // Its first line: a role or a date in a block of its own is not glued to the name.
  const text = blockLines(el, NOT_NAME, 1)[0] ?? '';
  if (text.length > MAX_BY_LINE || !BY_LINE.test(text)) return;
  facts.shownByline = cleanAuthor(text);
  // "By Ada Moor - Mar 27, 2024": the date after the name's last separator.
  const tail = BYLINE_DATE.exec(text);
  if (!facts.shownDate && tail) facts.shownDate = dateLine(tail[1]!);
}

const BYLINE_DATE = /[-–—·|•]\s*([^-–—·|•]+)$/;

/** Adds what `el` says about the page (a meta tag, the canonical link, JSON-LD, a <time>, a byline, a heading). */
function notePageElement(facts: PageFacts, el: Element): void {
  switch (el.localName) {
    case 'meta': {
      const content = el.getAttribute('content')?.trim();
      if (!content) return;
      const key = (
        el.getAttribute('property') ??
        el.getAttribute('name') ??
        el.getAttribute('itemprop') ??
        ''
      )
        .trim()
        .toLowerCase();
      if (key && !facts.meta.has(key)) facts.meta.set(key, content);
      if (el.getAttribute('http-equiv')?.toLowerCase() === 'content-language')
        facts.meta.set('content-language', content);
      return;
    }
    case 'link':
      if (!facts.canonicalHref && el.getAttribute('rel')?.toLowerCase() === 'canonical')
        facts.canonicalHref = el.getAttribute('href');
      return;
    case 'script':
      if (el.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json')
        facts.jsonLd.push(...parseJsonLd(el.textContent ?? ''));
      return;
    case 'time': {
      const datetime = el.getAttribute('datetime') ?? el.textContent;
      // A <time> without datetime shows its date as text ("October 8, 2025").
      if (!facts.firstTime && normaliseDate(datetime)) facts.firstTime = datetime;
      if (el.hasAttribute('pubdate') || /datePublished/i.test(el.getAttribute('itemprop') ?? ''))
        facts.publishedTime ??= datetime;
      return;
    }
    case 'base':
      facts.baseHref ??= el.getAttribute('href');
      return;
    case 'h1':
      // Without a <time> or a script inside it: "Dec 18 2025 Preparing a transition" is a date and a title.
      if (facts.headings.length < MAX_HEADINGS) facts.headings.push(blockLines(el, NOT_NAME).join(' '));
      return;
    case 'a':
      if (!facts.authorLink && (el.getAttribute('rel') === 'author' || AUTHOR_SLOT.test(parentClass(el))))
        facts.authorLink = blockText(el) || null;
      facts.authorPageLink ??= authorPageName(el);
      break;
  }
  if (facts.bylines.length >= MAX_BYLINES || !el.hasAttributes()) return;
  const itemprop = el.getAttribute('itemprop');
  if (itemprop === 'datePublished') facts.publishedTime ??= el.getAttribute('content') ?? el.textContent;
  const signature = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (itemprop === 'author' || (BYLINE_CLASS.test(signature) && !NOT_BYLINE.test(signature))) {
    const named = itemprop === 'author' ? el.querySelector('[itemprop="name"]') : null;
    const lines = blockLines(named ?? el, NOT_NAME);
    if (lines.length > 0 && lines.join(' ').length <= 300) facts.bylines.push(lines);
  }
}

const AUTHOR_SLOT = /author-name|byline|author vcard/i;
// The last folders of an author's page on most publishing systems: /author/ada-moor/,
// /blog/authors/ada-moor, /magazine/contributor/a._j._neal.
const AUTHOR_PAGE = /\/(?:authors?|contributors?|writers?)\/([^/?#]+)\/?(?:[?#]|$)/i;

/** The link's text when it links to an author's page named after that text, else null. */
function authorPageName(el: Element): string | null {
  const slug = AUTHOR_PAGE.exec(el.getAttribute('href') ?? '')?.[1];
  if (!slug) return null;
  const name = cleanAuthor(blockText(el));
  // "View all posts", an avatar's alt text or a "More by" link do not spell the page's name.
  return name && asSlug(name) === asSlug(decodedSlug(slug)) ? name : null;
}

/** A slug as its page names it; a malformed escape ("%E0%A4%A") is compared as written. */
function decodedSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

const asSlug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
const parentClass = (el: Element) => el.parentElement?.getAttribute('class') ?? '';

/** Merges Readability's metadata with the page facts; every URL absolute, dates ISO 8601 on the page's own day. */
export function buildMetadata(
  found: ReadabilityMetadata,
  facts: PageFacts,
  page: { url: string; base: string; firstImage: string | null },
): Metadata {
  const ld = readJsonLd(facts.jsonLd);
  const m = (key: string) => clean(facts.meta.get(key));
  const httpUrl = (href: string | null | undefined) => {
    const absolute = href ? toAbsolute(href.trim(), page.base) : null;
    return absolute && /^https?:/i.test(absolute) ? absolute : null;
  };
  const canonical = httpUrl(facts.canonicalHref) ?? httpUrl(m('og:url'));
  const dir = (found.dir ?? facts.htmlDir ?? '').toLowerCase();
  const host = hostOf(page.url);
  const siteNames = [
    m('og:site_name'),
    ld.publisher,
    ld.website,
    m('application-name'),
    clean(found.siteName),
  ].filter((name): name is string => !!name);
  const title = cleanTitle({
    declared: [m('og:title'), ld.headline, m('twitter:title'), clean(facts.title), clean(found.title)].filter(
      (value): value is string => !!value,
    ),
    headings: facts.headings,
    siteNames,
    host: host ?? '',
  });
  return {
    title: title ?? page.url,
    byline: findAuthor(found, facts, ld),
    siteName: siteNames[0] ?? host ?? null,
    publishedTime: findDate(found, facts, ld, page.url),
    lang:
      clean(found.lang) ??
      clean(facts.htmlLang) ??
      m('content-language') ??
      clean(m('og:locale')?.replace('_', '-')),
    dir: dir === 'rtl' || dir === 'ltr' ? dir : null,
    leadImage:
      httpUrl(m('og:image')) ??
      httpUrl(m('og:image:url')) ??
      httpUrl(m('twitter:image')) ??
      httpUrl(ld.image) ??
      httpUrl(page.firstImage),
    canonicalUrl: normaliseUrl(canonical ?? page.url) ?? page.url,
    excerpt: clean(found.excerpt),
  };
}

/**
 * The author the page's data names (JSON-LD, else meta tags), written as its byline writes it
 * when a byline starts with that name ("Mike Marshall, Shipping Expert"); with no data, the first
 * byline, author link or Readability's byline.
 */
function findAuthor(found: ReadabilityMetadata, facts: PageFacts, ld: JsonLdFacts): string | null {
  const bylines = facts.bylines.map(bylineName).filter((name): name is string => !!name);
  const declared =
    joinAuthors(ld.authors.map(cleanAuthor).filter((name): name is string => !!name)) ??
    cleanAuthor(facts.meta.get('author')) ??
    cleanAuthor(facts.meta.get('parsely-author')) ??
    cleanAuthor(facts.meta.get('dc.creator'));
  if (declared) {
    const key = declared.toLowerCase();
    return bylines.find((name) => name.toLowerCase().startsWith(key)) ?? declared;
  }
  return (
    bylines[0] ??
    cleanAuthor(facts.authorLink) ??
    cleanAuthor(found.byline) ??
    facts.authorPageLink ??
    facts.shownByline
  );
}

/** A byline element's name: its first line, or the line after a lone "By" / "Written by". */
function bylineName(lines: readonly string[]): string | null {
  const [first, second] = lines;
  if (first && second && /^(?:(?:written|posted|reviewed)\s+)?by:?$|^authors?:?$/i.test(first))
    return cleanAuthor(second);
  return cleanAuthor(first);
}

function findDate(found: ReadabilityMetadata, facts: PageFacts, ld: JsonLdFacts, url: string): string | null {
  const candidates = [
    ld.datePublished,
    facts.meta.get('article:published_time'),
    facts.meta.get('datepublished'),
    facts.meta.get('publish-date'),
    facts.meta.get('pubdate'),
    facts.meta.get('date'),
    facts.meta.get('dc.date'),
    facts.meta.get('dcterms.created'),
    facts.publishedTime,
    found.publishedTime,
    ld.dateCreated,
    facts.firstTime,
    facts.shownDate,
    facts.shownDateAbove,
  ];
  const inUrl = dateInUrl(url);
  for (const candidate of candidates) {
    const date = normaliseDate(candidate);
    if (date) return inUrl && isUtcNextToDay(date, inUrl) ? inUrl : date;
  }
  return inUrl;
}

/**
 * Whether `date` is a time in UTC whose day is next to `day`: a site that stores its times in
 * UTC dates a post written on the 18th in New York "02:41 UTC on the 19th", while the URL it gave
 * the post (/2025/12/18/) holds the day the reader was shown.
 */
function isUtcNextToDay(date: string, day: string): boolean {
  if (!/(?:Z|\+00:00)$/.test(date)) return false;
  const apart = Math.abs(Date.parse(date.slice(0, 10)) - Date.parse(day));
  return apart === DAY_MS;
}

const DAY_MS = 86_400_000;

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\d*\./, '') || null;
  } catch {
    return null;
  }
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed || null;
}

import { type ExtractedArticle, normaliseUrl } from '@/utils/model';
import { safeGet } from './defuse-page';
import { toAbsolute } from './resolve-media';

/** Page facts read before Readability runs (it deletes the JSON-LD scripts and most of <body>). */
export interface PageFacts {
  jsonLd: Record<string, unknown>[];
  meta: Map<string, string>;
  canonicalHref: string | null;
  baseHref: string | null;
  firstTime: string | null;
  /** Text of the first author link (rel="author", or a link in a theme's author-name slot). */
  authorLink: string | null;
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

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage|Posting/;

/**
 * The facts in <head>. Elements of these kinds in <body> are added by prepare's walk through
 * `notePageElement`, so the document is walked once.
 */
export function readPageFacts(doc: Document): PageFacts {
  const html = safeGet<HTMLElement | null>(doc, 'documentElement');
  const facts: PageFacts = {
    jsonLd: [],
    meta: new Map(),
    canonicalHref: null,
    baseHref: null,
    firstTime: null,
    authorLink: null,
    htmlLang: html?.getAttribute('lang') ?? html?.getAttribute('xml:lang') ?? null,
    htmlDir: html?.getAttribute('dir') ?? null,
    // Read from the prototype: <img name="title"> shadows document.title in a real DOM.
    title: String(safeGet<string | null>(doc, 'title') ?? ''),
  };
  const head = html?.firstElementChild?.localName === 'head' ? html.firstElementChild : null;
  for (let el = head?.firstElementChild ?? null; el; el = el.nextElementSibling) notePageElement(facts, el);
  return facts;
}

/** Tags `notePageElement` reads; others need not be offered to it. */
export const FACT_TAGS = new Set(['meta', 'link', 'script', 'time', 'base', 'a']);
const AUTHOR_SLOT = /author-name|byline|author vcard/i;

/** Adds what `el` says about the page (a meta tag, the canonical link, JSON-LD, a <time>). */
export function notePageElement(facts: PageFacts, el: Element): void {
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
    case 'time':
      facts.firstTime ??= el.getAttribute('datetime');
      return;
    case 'base':
      facts.baseHref ??= el.getAttribute('href');
      return;
    case 'a':
      if (facts.authorLink) return;
      if (
        el.getAttribute('rel') === 'author' ||
        AUTHOR_SLOT.test(el.parentElement?.getAttribute('class') ?? '')
      )
        facts.authorLink = clean(el.textContent);
      return;
  }
}

/** Merges Readability's metadata with the page facts; every URL absolute, times ISO 8601. */
export function buildMetadata(
  found: ReadabilityMetadata,
  facts: PageFacts,
  page: { url: string; base: string; firstImage: string | null },
): Metadata {
  const ld = facts.jsonLd.find((item) => ARTICLE_TYPES.test(String(item['@type'] ?? ''))) ?? facts.jsonLd[0];
  const m = (key: string) => facts.meta.get(key) ?? null;
  const httpUrl = (href: string | null | undefined) => {
    const absolute = href ? toAbsolute(href.trim(), page.base) : null;
    return absolute && /^https?:/i.test(absolute) ? absolute : null;
  };
  const canonical = httpUrl(facts.canonicalHref) ?? httpUrl(m('og:url'));
  const dir = (found.dir ?? facts.htmlDir ?? '').toLowerCase();
  return {
    title: clean(found.title) ?? clean(m('og:title')) ?? clean(facts.title) ?? page.url,
    byline: nameLike(found.byline) ?? personName(ld?.author) ?? clean(m('author')) ?? facts.authorLink,
    siteName: clean(found.siteName) ?? clean(m('og:site_name')) ?? personName(ld?.publisher),
    publishedTime: toIso(
      found.publishedTime ??
        m('article:published_time') ??
        stringOf(ld?.datePublished) ??
        m('datepublished') ??
        facts.firstTime,
    ),
    lang:
      clean(found.lang) ??
      clean(facts.htmlLang) ??
      clean(m('content-language')) ??
      clean(m('og:locale')?.replace('_', '-')),
    dir: dir === 'rtl' || dir === 'ltr' ? dir : null,
    leadImage:
      httpUrl(m('og:image')) ??
      httpUrl(m('og:image:url')) ??
      httpUrl(m('twitter:image')) ??
      httpUrl(imageUrl(ld?.image)) ??
      httpUrl(page.firstImage),
    canonicalUrl: normaliseUrl(canonical ?? page.url) ?? page.url,
    excerpt: clean(found.excerpt),
  };
}

function parseJsonLd(text: string): Record<string, unknown>[] {
  try {
    const data: unknown = JSON.parse(text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    const items = Array.isArray(data) ? data : [data];
    return items.flatMap((item) => {
      if (!item || typeof item !== 'object') return [];
      const graph = (item as Record<string, unknown>)['@graph'];
      return Array.isArray(graph) ? (graph as Record<string, unknown>[]) : [item as Record<string, unknown>];
    });
  } catch {
    return []; // Broken JSON-LD is common; the meta tags usually say the same.
  }
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed || null;
}

// Readability takes a byline element's whole text: "June OkaforFeb 19, 2024• 3 min read", or an
// author's bio. A name is short and has no digits; anything else yields to the author link.
function nameLike(value: string | null | undefined): string | null {
  const name = clean(value)?.replace(/^by\s+/i, '');
  return name && name.length <= 60 && !/\d/.test(name) ? name : null;
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function personName(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return clean(first);
  if (first && typeof first === 'object') return clean(stringOf((first as Record<string, unknown>).name));
  return null;
}

function imageUrl(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object') return stringOf((first as Record<string, unknown>).url);
  return null;
}

function toIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { type ExtractedArticle, normaliseUrl } from '@/utils/model';
import type { Sanitiser } from './sanitise';

export interface ExtractOptions {
  /** The page's URL: relative links resolve against it, and it is the fallback canonical URL. */
  url: string;
  /** Sanitiser to run last. Omit only where the caller sanitises the result itself (a Worker has no DOM DOMPurify can use). */
  sanitise?: Sanitiser;
}

const WORDS_PER_MINUTE = 230;

/**
 * The extraction pipeline: Readability on a copy of `doc` (never the document itself: Readability
 * mutates its input), then metadata and sanitising. Throws when no article text can be found.
 */
export function extractArticle(doc: Document, options: ExtractOptions): ExtractedArticle {
  const isProbablyArticle = isProbablyReaderable(doc);
  const copy = doc.cloneNode(true) as Document;
  pinBaseUrl(copy, options.url);
  const parsed = new Readability(copy, { keepClasses: false }).parse();
  if (!parsed?.content || !parsed.textContent?.trim())
    throw new Error('No article text was found on this page.');
  const textContent = parsed.textContent.replace(/\s+/g, ' ').trim();
  const wordCount = textContent.split(' ').filter(Boolean).length;
  const canonicalHref = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const canonical = canonicalHref ? resolveUrl(canonicalHref, options.url) : null;
  const contentHtml = options.sanitise ? options.sanitise(parsed.content) : parsed.content;
  return {
    url: options.url,
    title: parsed.title?.trim() || doc.title || options.url,
    byline: parsed.byline?.trim() || null,
    siteName: parsed.siteName?.trim() || null,
    publishedTime: parsed.publishedTime ?? null,
    lang: parsed.lang || doc.documentElement.getAttribute('lang') || null,
    dir: parsed.dir === 'rtl' ? 'rtl' : parsed.dir === 'ltr' ? 'ltr' : null,
    leadImage: null,
    canonicalUrl: normaliseUrl(canonical ?? options.url) ?? options.url,
    excerpt: parsed.excerpt?.trim() || textContent.slice(0, 200),
    wordCount,
    readingTimeMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    contentHtml,
    textContent,
    removed: [],
    isProbablyArticle,
  };
}

function resolveUrl(href: string, base: string): string | null {
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}

/**
 * Readability resolves relative links against `baseURI` and keeps `#fragment` links only when
 * `baseURI === documentURI`. A parsed copy reports the parser's URL (the extension page, or
 * nothing under linkedom), so pin both to the page's URL, honouring a `<base href>`.
 */
function pinBaseUrl(doc: Document, url: string): void {
  const base = doc.querySelector('base[href]')?.getAttribute('href');
  const baseUrl = (base && resolveUrl(base, url)) || url;
  Object.defineProperty(doc, 'documentURI', { value: url, configurable: true });
  Object.defineProperty(doc, 'baseURI', { value: baseUrl, configurable: true });
}

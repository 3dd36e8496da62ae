import { Readability } from '@mozilla/readability';
import type { ExtractedArticle } from '@/utils/model';
import { collapse } from './block-facts';
import { blockText } from './block-text';
import { tidyContentImages } from './content-images';
import { safeCall, safeGet } from './defuse-page';
import { buildMetadata, readPageFacts } from './metadata';
import { prepare } from './prepare';
import { measureReading } from './reading-time';
import type { Sanitiser } from './sanitise';
import { standardise } from './standardise';

export interface ExtractOptions {
  /** The page's URL: relative links resolve against it, and it is the fallback canonical URL. */
  url: string;
  /** Sanitiser to run last. Omit only where the caller sanitises the result itself (a Worker has no DOM DOMPurify can use). */
  sanitise?: Sanitiser;
}

/**
 * The extraction pipeline over a copy of `doc` (never `doc` itself: every step mutates).
 * Throws when no article text can be found.
 */
export function extractArticle(doc: Document, options: ExtractOptions): ExtractedArticle {
  // From the prototype: <form name="cloneNode"> shadows document.cloneNode in a real DOM.
  return extractOwnedDocument(safeCall<Document>(doc, 'cloneNode', true), options);
}

/**
 * The pipeline on a document it may mutate: prepare → Readability → standardise → metadata →
 * sanitise. extractFromHtml parses straight into one and skips the copy.
 */
export function extractOwnedDocument(doc: Document, options: ExtractOptions): ExtractedArticle {
  const prepared = prepare(doc, options.url, readPageFacts(doc));
  for (const root of [safeGet<HTMLElement | null>(doc, 'body'), prepared.leadFigure]) tidyContentImages(root);
  lowerCaseCreatedElements(doc);
  const parsed = new Readability<Element>(doc, { serializer: (node) => node as Element }).parse();
  const content = parsed?.content;
  if (!parsed || !content || !collapse(content.textContent ?? ''))
    throw new Error('No article text was found on this page.');

  const { removed, looksLikeArticle } = standardise(content, prepared);
  const textContent = blockText(content);
  const firstImage = content.getElementsByTagName('img')[0]?.getAttribute('src') ?? null;
  const meta = buildMetadata(parsed, prepared.facts, { url: options.url, base: prepared.base, firstImage });
  const { sanitise } = options;
  return {
    url: options.url,
    ...meta,
    excerpt: meta.excerpt ?? textContent.slice(0, 200),
    ...measureReading(textContent),
    contentHtml: sanitise ? sanitise(content.innerHTML) : content.innerHTML,
    textContent,
    removed: sanitise ? removed.map((block) => ({ ...block, html: sanitise(block.html) })) : removed,
    isProbablyArticle: looksLikeArticle,
  };
}

/**
 * linkedom keeps the case createElement is given, and Readability asks for "DIV" and "P": the
 * article would hold elements whose localName is "P", which no check for "p" sees, and serialise
 * as <DIV>. An HTML document lower-cases them (as browsers and jsdom do).
 */
function lowerCaseCreatedElements(doc: Document): void {
  const create = doc.createElement.bind(doc);
  doc.createElement = ((name: string, options?: ElementCreationOptions) =>
    create(name.toLowerCase(), options)) as typeof doc.createElement;
}

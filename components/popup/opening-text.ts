import { blockLines } from '@/utils/extraction';

/** Pictures with their captions and credits: the preview's opening starts at the article's words. */
const PICTURES: ReadonlySet<string> = new Set(['figure', 'figcaption', 'picture']);

// The opening needs the first few hundred characters only; a long article's whole HTML would be
// parsed on the way to the preview's first paint for nothing. A cut mid-tag parses as a shorter
// document, which is all the opening reads.
const HTML_READ = 60_000;

/**
 * The article's first `chars` characters of text, pictures' captions and credits left out: the
 * saved text puts a lead photo's caption before the first paragraph ("… Photo: Harbour Trust MERROW
 * BAY — The town council…"), which read as if it opened the article. Parsed in an inert document
 * (nothing loads or runs); falls back to the saved text when the article is only pictures.
 */
export function openingText(contentHtml: string, textContent: string, chars: number): string {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = contentHtml.slice(0, HTML_READ);
  const text = blockLines(doc.body, PICTURES).join(' ') || textContent;
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}

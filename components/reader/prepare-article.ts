/** A heading of the article, for the table of contents. */
export interface TocEntry {
  id: string;
  text: string;
  /** 2, 3 or 4 (h2–h4). */
  level: number;
}

export interface PreparedArticle {
  html: string;
  toc: TocEntry[];
  /** Pictures with no stored copy: shown as placeholders, never fetched (their original URLs). */
  missingImages: string[];
}

/** The class of a picture's placeholder (no stored copy, nothing loaded). */
export const MISSING_IMAGE_CLASS = 'rm-image-missing';

/** Fewer headings than this and a table of contents is noise. */
export const TOC_MIN_HEADINGS = 3;

/**
 * The render-time pass over already sanitised article HTML (no DOMPurify here: it only adds or
 * drops attributes that cannot run code): pictures show their stored copies (or a placeholder),
 * in-article #links stay in the tab, and every h2–h4 gets an id so the table of contents can link to it. Headings keep an id the page gave
 * them (the article's own #links may point there); others get a slug of their text, unique in
 * the article. `parser` parses into an inert document: nothing loads, nothing runs.
 */
export function prepareArticle(
  sanitisedHtml: string,
  parser: DOMParser,
  storedImages: ReadonlyMap<string, string> = new Map(),
): PreparedArticle {
  const doc = parser.parseFromString(`<!doctype html><body>${sanitisedHtml}`, 'text/html');
  const missingImages = showStoredImages(doc.body, storedImages);
  // The sanitiser opens every link in a new tab; in-article links (#footnote-1) must stay in place.
  for (const link of doc.body.querySelectorAll('a[href^="#"]')) {
    link.removeAttribute('target');
    link.removeAttribute('rel');
  }
  const taken = new Set([...doc.body.querySelectorAll('[id]')].map((el) => el.id));
  const toc: TocEntry[] = [];
  for (const heading of doc.body.querySelectorAll('h2, h3, h4')) {
    const text = heading.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (!text) continue;
    if (!heading.id) heading.id = uniqueId(slugify(text), taken);
    toc.push({ id: heading.id, text, level: Number(heading.tagName[1]) });
  }
  return { html: doc.body.innerHTML, toc, missingImages };
}

/**
 * Points every picture at its stored copy (`storedImages`: original URL → blob: URL) and turns
 * the others into placeholders without a src: the reader never loads a picture from the web.
 * Answers the URLs of the placeholders' pictures.
 */
function showStoredImages(body: HTMLElement, storedImages: ReadonlyMap<string, string>): string[] {
  const missing = new Set<string>();
  for (const img of body.querySelectorAll('img')) {
    const src = img.getAttribute('src')?.trim() ?? '';
    const stored = storedImages.get(src);
    if (stored) {
      img.setAttribute('src', stored);
      img.setAttribute('decoding', 'async');
      continue;
    }
    img.removeAttribute('src');
    img.classList.add(MISSING_IMAGE_CLASS);
    if (/^https?:/i.test(src)) missing.add(src);
  }
  return [...missing];
}

/** Lower-case letters and digits of any script, joined by hyphens; prefixed so it never clashes with the page's own ids. */
export function slugify(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return `rm-${words.join('-').slice(0, 60) || 'section'}`;
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

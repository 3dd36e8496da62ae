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
}

/** Fewer headings than this and a table of contents is noise. */
export const TOC_MIN_HEADINGS = 3;

/**
 * The render-time pass over already sanitised article HTML (no DOMPurify here: it only adds or
 * drops attributes that cannot run code): images load lazily and decode off the main thread,
 * in-article #links stay in the tab, and every h2–h4 gets an id so the table of contents can link to it. Headings keep an id the page gave
 * them (the article's own #links may point there); others get a slug of their text, unique in
 * the article. `parser` parses into an inert document: nothing loads, nothing runs.
 */
export function prepareArticle(sanitisedHtml: string, parser: DOMParser): PreparedArticle {
  const doc = parser.parseFromString(`<!doctype html><body>${sanitisedHtml}`, 'text/html');
  for (const img of doc.body.querySelectorAll('img')) {
    img.setAttribute('loading', 'lazy');
    img.setAttribute('decoding', 'async');
  }
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
  return { html: doc.body.innerHTML, toc };
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

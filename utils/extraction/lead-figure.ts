import { resolveMedia } from './resolve-media';
import { walkElements } from './walk-elements';

// The lead picture is often outside the container Readability picks (a theme's featured image
// above the title): prepare keeps a copy of it, standardise puts it back when it is missing.

const LEAD_FIGURE =
  /featured|hero|lead|post-thumbnail|entry-thumbnail|td-post-featured-image|wp-post-image|article-image|main-image/i;
// Longest text a lead figure's caption and credit may have.
const LEAD_CAPTION_LENGTH = 400;

/** The first picture before any prose, or one a theme names as the featured image. */
export function isLeadFigure(el: Element, proseSeen: boolean): boolean {
  const tag = el.localName;
  if (tag !== 'figure' && tag !== 'div') return false;
  // A theme's featured-image <div> (tagDiv, older WordPress) counts only before the prose.
  if (tag === 'div' && (proseSeen || !LEAD_FIGURE.test(el.getAttribute('class') ?? ''))) return false;
  // One picture and at most a caption: a block with more text or links is a teaser list.
  let images = 0;
  let links = 0;
  walkElements(el, (child) => {
    if (child.localName === 'img') images++;
    if (child.localName === 'a') links++;
    return child.localName !== 'noscript'; // its <img> is the same picture, for no-JS readers
  });
  if (images !== 1 || links > 2) return false;
  if ((el.textContent?.length ?? 0) > LEAD_CAPTION_LENGTH) return false;
  if (!proseSeen) return true;
  return LEAD_FIGURE.test(
    `${el.getAttribute('class') ?? ''} ${el.parentElement?.getAttribute('class') ?? ''}`,
  );
}

/** A copy of the figure with absolute URLs, taken before Readability can drop the original. */
export function copyFigure(el: Element, base: string): Element {
  const figure = el.cloneNode(true) as Element;
  resolveMedia(figure, base);
  walkElements(figure, (child) => {
    resolveMedia(child, base);
    return true;
  });
  return figure;
}

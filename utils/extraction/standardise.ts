import type { RemovedBlock } from '@/utils/model';
import { collapse } from './block-facts';
import { blockLines, blockText } from './block-text';
import { MARKER_TAG, type Prepared, type Removal } from './prepare';
import { MARKER_PREFIX } from './removed-blocks';
import { isForbiddenTag, scrub } from './scrub';
import { someElement } from './walk-elements';

export interface Standardised {
  /** The removals that sat inside the article, in order: marker N belongs to removed[N]. */
  removed: RemovedBlock[];
  /** Readability's isProbablyReaderable test, run on the article rather than the whole page. */
  looksLikeArticle: boolean;
  /**
   * The article's blockLines when the trace needed them, null when not: what is left of the
   * trace's markers (empty inline elements) changes no line, so they are the result's lines too.
   */
  lines: string[] | null;
}

const COLLECTED = new Set(['a', 'blockquote', 'p', 'li', 'pre', 'img', 'td', 'th', 'tr', MARKER_TAG]);
const ROW_PARENTS = new Set(['table', 'thead', 'tbody', 'tfoot']);

/**
 * Step 3, on Readability's article element, in one walk (the scrub): applies the URL policy,
 * turns links to the page itself back into fragments, drops pull quotes that repeat a paragraph,
 * puts back the lead figure when Readability left it outside, and keeps in the trace only the
 * removals that sat inside the article (their markers survived Readability), renumbered.
 * Table cells and rows left outside a table become paragraphs and blocks.
 */
export function standardise(content: Element, prepared: Prepared): Standardised {
  const found = scrub(content, COLLECTED);
  const list = (tag: string) => found.get(tag) ?? [];
  restoreFragmentLinks(list('a'), prepared.base);
  dropRepeatedPullQuotes(list('blockquote'), [...list('p'), ...list('li')]);
  restoreLeadFigure(content, prepared.leadFigure, list('img'));
  rehomeStrayCells([...list('tr'), ...list('td'), ...list('th')]);
  const { removed, lines } = traceRemovals(list(MARKER_TAG), prepared, content);
  return { removed, looksLikeArticle: isReaderable([...list('p'), ...list('pre')]), lines };
}

/**
 * The trace of what was really taken out of the article: a removal whose marker Readability kept
 * (it sat inside the article), that still has something to show once scrubbed (text or a
 * picture), and whose text is not in the article anyway (a page that holds a block twice, once
 * hidden). Its sample is the block's text as a reader sees it, never script or markup.
 */
function traceRemovals(
  markers: Element[],
  prepared: Prepared,
  content: Element,
): { removed: RemovedBlock[]; lines: string[] | null } {
  const traced: { marker: Element; removal: Removal; text: string }[] = [];
  for (const marker of markers) {
    const removal = prepared.removals[Number(marker.id.slice(MARKER_PREFIX.length))];
    if (!removal || isForbiddenTag(removal.el)) {
      marker.remove();
      continue;
    }
    scrub(removal.el);
    const text = blockText(removal.el);
    if (!text && !someElement(removal.el, (el) => MEDIA.has(el.localName))) marker.remove();
    else traced.push({ marker, removal, text });
  }
  if (traced.length === 0) return { removed: [], lines: null };
  const lines = blockLines(content);
  const kept = articleText(lines);
  const removed: RemovedBlock[] = [];
  for (const { marker, removal, text } of traced) {
    if (kept.has(text)) {
      marker.remove();
      continue;
    }
    const span = marker.ownerDocument.createElement('span');
    span.id = `${MARKER_PREFIX}${removed.length}`;
    marker.replaceWith(span);
    const { rule, label } = removal;
    removed.push({ rule, label, sample: text.slice(0, SAMPLE_LENGTH), html: removal.el.outerHTML });
  }
  return { removed, lines };
}

const SAMPLE_LENGTH = 120;
const MEDIA = new Set(['img', 'picture', 'video', 'audio']);
// Shorter text found in the article may be a coincidence ("Advertisement" in a sentence).
const MIN_REPEATED = 40;

/** Whether a removed block's text is still in the article (its `lines`): one of them, or a long run of it. */
function articleText(lines: string[]): { has(text: string): boolean } {
  const lineSet = new Set(lines);
  const whole = lines.join(' ');
  return {
    has: (text) =>
      text !== '' && (lineSet.has(text) || (text.length >= MIN_REPEATED && whole.includes(text))),
  };
}

/**
 * linkedom (unlike a browser) leaves a <td> or <tr> outside any table when a page nests a <div>
 * in its table. A browser re-parsing the saved HTML drops those tags and glues the cells'
 * words ("$9,000Up to 40%"), and so does Markdown: each stray cell becomes a paragraph, each
 * stray row a block.
 */
function rehomeStrayCells(cells: Element[]): void {
  for (const cell of cells) {
    const parent = cell.parentElement?.localName ?? '';
    const stray = cell.localName === 'tr' ? !ROW_PARENTS.has(parent) : parent !== 'tr';
    if (stray) rename(cell, cell.localName === 'tr' ? 'div' : 'p');
  }
}

function rename(el: Element, tag: string): void {
  const renamed = el.ownerDocument.createElement(tag);
  while (el.firstChild) renamed.appendChild(el.firstChild);
  el.replaceWith(renamed);
}

/** Prepare and Readability resolve "#notes" against the page's base; in the saved copy it is "#notes" again. */
function restoreFragmentLinks(links: Element[], base: string): void {
  const page = base.split('#')[0];
  for (const a of links) {
    const [target, fragment] = (a.getAttribute('href') ?? '').split('#', 2);
    if (fragment && target === page) a.setAttribute('href', `#${fragment}`);
  }
}

// Shorter quotes are too likely to repeat a phrase by chance.
const MIN_PULL_QUOTE = 30;

/** A pull quote repeats a sentence of the body for the eye; a reader wants the sentence once. */
function dropRepeatedPullQuotes(quotes: Element[], blocks: Element[]): void {
  if (quotes.length === 0) return;
  // Neither inside a quote nor holding one: a forum's <li> that holds a post's <blockquote> would
  // make every post "repeat" a paragraph and go.
  const body = blocks
    .filter((block) => !block.closest('blockquote') && block.getElementsByTagName('blockquote').length === 0)
    .map((block) => collapse(block.textContent ?? '').toLowerCase())
    .join('\n');
  for (const quote of quotes) {
    const text = collapse(quote.textContent ?? '')
      .toLowerCase()
      .replace(/^["“”']+|["“”']+$/g, '');
    if (text.length >= MIN_PULL_QUOTE && body.includes(text)) quote.remove();
  }
}

function restoreLeadFigure(content: Element, figure: Element | null, images: Element[]): void {
  if (!figure) return;
  // Scrubbed before the comparison: a picture whose address the policy drops (a page saved from a
  // file: URL) has no src in the article either, and compared unscrubbed it looked missing and
  // was put back a second time, as an empty <img> with its caption.
  scrub(figure);
  const src = figure.getElementsByTagName('img')[0]?.getAttribute('src');
  if (!src || images.some((img) => img.getAttribute('src') === src)) return;
  const first = content.firstElementChild;
  // Readability wraps the article in <div id="readability-page-1">: the figure goes inside it.
  const host = first?.id.startsWith('readability-page') ? first : content;
  host.insertBefore(figure, host.firstChild);
}

/** Readability's isProbablyReaderable score: √(length − 140) summed over long blocks, over 20. */
function isReaderable(blocks: Element[]): boolean {
  let score = 0;
  for (const block of blocks) {
    const text = collapse(block.textContent ?? '');
    if (text.length >= 140) score += Math.sqrt(text.length - 140);
    if (score > 20) return true;
  }
  return false;
}

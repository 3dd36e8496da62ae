import type { RemovedBlock } from '@/utils/model';
import { collapse } from './block-facts';
import { MARKER_TAG, type Prepared } from './prepare';
import { MARKER_PREFIX } from './removed-blocks';
import { scrub } from './scrub';

/**
 * Step 3, on Readability's article element: drops pull quotes that repeat a paragraph, puts back
 * the lead figure when Readability left it outside, applies the URL policy, and keeps in the trace
 * only the removals that sat inside the article (their markers survived Readability), renumbered
 * so marker `readmark-removed-N` belongs to `removed[N]`.
 */
export function standardise(content: Element, prepared: Prepared): RemovedBlock[] {
  restoreFragmentLinks(content, [prepared.base, content.ownerDocument.baseURI]);
  dropRepeatedPullQuotes(content);
  restoreLeadFigure(content, prepared.leadFigure);
  scrub(content);
  const removed: RemovedBlock[] = [];
  for (const marker of content.querySelectorAll(MARKER_TAG)) {
    const removal = prepared.removals[Number(marker.id.slice(MARKER_PREFIX.length))];
    if (!removal) {
      marker.remove();
      continue;
    }
    const span = marker.ownerDocument.createElement('span');
    span.id = `${MARKER_PREFIX}${removed.length}`;
    marker.replaceWith(span);
    scrub(removal.el);
    removed.push({
      rule: removal.rule,
      label: removal.label,
      sample: removal.sample,
      html: removal.el.outerHTML,
    });
  }
  return removed;
}

/** Readability resolves "#notes" against the document's own URL; in the saved copy it is "#notes" again. */
function restoreFragmentLinks(content: Element, pageUrls: (string | null | undefined)[]): void {
  const pages = new Set(pageUrls.filter(Boolean).map((url) => url!.split('#')[0]));
  for (const a of content.querySelectorAll('a[href*="#"]')) {
    const [page, fragment] = a.getAttribute('href')!.split('#', 2);
    if (fragment && pages.has(page)) a.setAttribute('href', `#${fragment}`);
  }
}

// Shorter quotes are too likely to repeat a phrase by chance.
const MIN_PULL_QUOTE = 30;

/** A pull quote repeats a sentence of the body for the eye; a reader wants the sentence once. */
function dropRepeatedPullQuotes(content: Element): void {
  const quotes = [...content.querySelectorAll('blockquote')];
  if (quotes.length === 0) return;
  const body = [...content.querySelectorAll('p, li')]
    .filter((p) => !p.closest('blockquote'))
    .map((p) => collapse(p.textContent ?? '').toLowerCase())
    .join('\n');
  for (const quote of quotes) {
    const text = collapse(quote.textContent ?? '')
      .toLowerCase()
      .replace(/^["“”']+|["“”']+$/g, '');
    if (text.length >= MIN_PULL_QUOTE && body.includes(text)) quote.remove();
  }
}

function restoreLeadFigure(content: Element, figure: Element | null): void {
  const src = figure?.querySelector('img')?.getAttribute('src');
  if (!figure || !src) return;
  for (const img of content.querySelectorAll('img')) {
    if (img.getAttribute('src') === src) return;
  }
  const first = content.firstElementChild;
  // Readability wraps the article in <div id="readability-page-1">: the figure goes inside it.
  const host = first?.id.startsWith('readability-page') ? first : content;
  host.insertBefore(figure, host.firstChild);
}

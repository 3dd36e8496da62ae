import { collapse } from './block-facts';
import { safeGet } from './defuse-page';
import type { PageFacts } from './metadata';
import { type Prepared, visit } from './prepare-steps';
import { toAbsolute } from './resolve-media';

export { MARKER_TAG, type Prepared, type Removal } from './prepare-steps';

/**
 * Step 1 of the pipeline, on a document the pipeline owns whose forms are already defused (see
 * preparePage, which also reads the page's facts first): one walk over the body that runs
 * prepare-steps on each element in document order. Those cap depth, remove boilerplate (rules
 * table) and hidden elements, make URLs absolute and wake lazy images, turn pull-quote asides into
 * blockquotes (Readability drops asides) and keep a copy of the lead figure.
 */
export function prepare(doc: Document, url: string, facts: PageFacts, rules = true): Prepared {
  const base = (facts.baseHref && toAbsolute(facts.baseHref, url)) || url;
  // `document` may be clobbered by named images until the walk below: ask its prototype.
  const body = safeGet<HTMLElement | null>(doc, 'body');
  const prepared: Prepared = { removals: [], leadFigure: null, base, proseSeen: false, facts };
  if (!body) return prepared;
  const state = { depth: 1, rules, bodyTextLength: collapse(body.textContent ?? '').length, prepared, doc };

  let el: Element | null = body.firstElementChild;
  while (el) {
    let nextSibling: Element | null = el.nextElementSibling;
    let parent: Element | null = el.parentElement;
    const next = visit(el, state);
    if (next && 'levelsUp' in next) {
      // A label took its whole widget, an ancestor already walked past: go on after the widget.
      ({ nextSibling, parent } = next);
      state.depth -= next.levelsUp;
    } else if (next?.firstElementChild) {
      el = next.firstElementChild;
      state.depth++;
      continue;
    }
    el = nextSibling;
    for (let up = parent; !el && up && up !== body; up = up.parentElement) {
      el = up.nextElementSibling;
      state.depth--;
    }
  }
  return prepared;
}

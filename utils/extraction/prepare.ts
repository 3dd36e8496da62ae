import type { RemovedBlock } from '@/utils/model';
import { collapse } from './block-facts';
import { isDefused, safeGet } from './defuse-page';
import { copyFigure, isLeadFigure } from './lead-figure';
import { matchRule } from './match-rule';
import type { PageFacts } from './metadata';
import { MARKER_PREFIX } from './removed-blocks';

/** The placeholder prepare leaves where it removed a block; standardise turns it into a <span>. */
export const MARKER_TAG = 'readmark-removed';

import { resolveMedia, toAbsolute } from './resolve-media';
import { someElement } from './walk-elements';

/** A removal made by prepare; `el` is the detached block, serialised once we know it matters. */
export interface Removal extends Omit<RemovedBlock, 'html'> {
  el: Element;
}

export interface Prepared {
  removals: Removal[];
  /** A copy of the first figure that looks like the article's lead picture, with its caption. */
  leadFigure: Element | null;
  /** Absolute base URL of the page (its <base href>, else its URL). */
  base: string;
  /** Whether the walk has passed a paragraph of prose yet (a figure before it is the lead). */
  proseSeen: boolean;
  /** The page facts, completed with those found in <body>. */
  facts: PageFacts;
}

// Deeper than any real page (the 130 test pages stay under 60). Past it the subtree becomes plain
// text: Readability recurses over the tree and a 20,000-deep page overflows the stack.
export const MAX_DEPTH = 200;
// Never walked for rules: not prose, or code whose tokens are classed "comment", "tag"…
const SKIPPED = new Set(['script', 'style', 'template', 'svg', 'math', 'noscript', 'head', 'pre', 'code']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const PULL_QUOTE = /pull-?quote/i;
const MEDIA = new Set(['img', 'picture', 'video', 'iframe']);
// A paragraph this long is prose, not a kicker or a caption.
const PROSE_LENGTH = 150;

/**
 * Step 1 of the pipeline, on a document the pipeline owns whose forms are already defused (see
 * preparePage, which also reads the page's facts first): one walk over the body that caps depth, removes boilerplate (rules table) and hidden elements, turns pull-quote
 * asides into blockquotes (Readability drops asides), makes URLs absolute and wakes lazy images.
 */
export function prepare(doc: Document, url: string, facts: PageFacts): Prepared {
  const base = (facts.baseHref && toAbsolute(facts.baseHref, url)) || url;
  // `document` may be clobbered by named images until the walk below: ask its prototype.
  const body = safeGet<HTMLElement | null>(doc, 'body');
  const prepared: Prepared = { removals: [], leadFigure: null, base, proseSeen: false, facts };
  if (!body) return prepared;
  const bodyTextLength = collapse(body.textContent ?? '').length;

  let el: Element | null = body.firstElementChild;
  let depth = 1;
  while (el) {
    let nextSibling: Element | null = el.nextElementSibling;
    let parent: Element | null = el.parentElement;
    const step = visit(el, depth, bodyTextLength, prepared, doc);
    if (step && 'levelsUp' in step) {
      // A label took its whole widget, an ancestor already walked past: go on after the widget.
      ({ nextSibling, parent } = step);
      depth -= step.levelsUp;
    } else if (step?.firstElementChild) {
      el = step.firstElementChild;
      depth++;
      continue;
    }
    el = nextSibling;
    for (let up = parent; !el && up && up !== body; up = up.parentElement) {
      el = up.nextElementSibling;
      depth--;
    }
  }
  return prepared;
}

interface AfterAncestor {
  nextSibling: Element | null;
  parent: Element | null;
  levelsUp: number;
}

/**
 * Handles one element. Returns the element to descend into, null to skip its subtree, or where to
 * go on when the removal took an ancestor of `el`.
 */
function visit(
  el: Element,
  depth: number,
  bodyTextLength: number,
  prepared: Prepared,
  doc: Document,
): Element | AfterAncestor | null {
  const tag = el.localName;
  if (tag === 'noscript') {
    // Readability swaps a lazy image for the <img> of the <noscript> after it: make that one absolute too.
    for (const img of el.getElementsByTagName('img')) resolveMedia(img, prepared.base);
    return null;
  }
  if (SKIPPED.has(tag) || isDefused(el)) return null;
  if (depth > MAX_DEPTH) {
    el.textContent = el.textContent ?? '';
    return null;
  }
  const attributed = el.hasAttributes();
  const match = matchRule(el, attributed ? signatureOf(el) : '', bodyTextLength);
  if (match) {
    const { target } = match;
    let after: AfterAncestor | null = null;
    if (target !== el) {
      let levelsUp = 0;
      for (let up: Element | null = el; up && up !== target; up = up.parentElement) levelsUp++;
      after = { nextSibling: target.nextElementSibling, parent: target.parentElement, levelsUp };
    }
    remove(target, match.rule.id, match.rule.label, match.facts.text, prepared, doc);
    return after;
  }
  if (attributed && isHidden(el)) {
    remove(el, 'hidden', 'hidden element', null, prepared, doc);
    return null;
  }
  resolveMedia(el, prepared.base);
  if (tag === 'aside' && PULL_QUOTE.test(el.getAttribute('class') ?? ''))
    return rename(el, 'blockquote', doc);
  if (tag === 'p' && !prepared.proseSeen) prepared.proseSeen = (el.textContent?.length ?? 0) > PROSE_LENGTH;
  if (!prepared.leadFigure && isLeadFigure(el, prepared.proseSeen))
    prepared.leadFigure = copyFigure(el, prepared.base);
  return el;
}

// Ids made from a heading ("gmail-predictable-scriptable-responses-from-humans") name the prose,
// not a widget: matching "responses" or "ad" in them would delete sections of the article.
const SLUG_ID = /(?:[-_][^-_]+){3}/;

function signatureOf(el: Element): string {
  let signature = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id');
  if (id && !SLUG_ID.test(id)) signature += ` ${id}`;
  for (const name of ['role', 'aria-label', 'data-hook', 'data-testid', 'data-component']) {
    const value = el.getAttribute(name);
    if (value) signature += ` ${value}`;
  }
  return signature.trim();
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') {
    // Readability's exception, kept for parity: some themes hide the fallback image only from AT.
    return !(el.getAttribute('class') ?? '').includes('fallback-image');
  }
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

function remove(
  target: Element,
  rule: string,
  label: string,
  text: string | null,
  prepared: Prepared,
  doc: Document,
): void {
  const sample = collapse(text ?? target.textContent ?? '');
  if (!sample && !someElement(target, (el) => MEDIA.has(el.localName))) {
    target.remove();
    return;
  }
  // A custom element, not a <span>: Readability wraps stray phrasing content in <p> and then
  // deletes the empty paragraphs, markers included; it leaves unknown elements alone.
  const marker = doc.createElement(MARKER_TAG);
  marker.setAttribute('id', `${MARKER_PREFIX}${prepared.removals.length}`);
  target.replaceWith(marker);
  prepared.removals.push({ rule, label, sample: sample.slice(0, 120), el: target });
}

function rename(el: Element, tag: string, doc: Document): Element {
  const renamed = doc.createElement(tag);
  while (el.firstChild) renamed.appendChild(el.firstChild);
  el.replaceWith(renamed);
  return renamed;
}

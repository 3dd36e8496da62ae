import type { RemovedBlock } from '@/utils/model';
import { collapse } from './block-facts';
import { isDefused } from './defuse-page';
import { copyFigure, isLeadFigure } from './lead-figure';
import { matchRule } from './match-rule';
import type { PageFacts } from './metadata';
import { HIDDEN_LABEL, MARKER_PREFIX } from './removed-blocks';
import { resolveMedia } from './resolve-media';
import { isSkipLink } from './skip-link';
import { someElement } from './walk-elements';

/**
 * What prepare does to each element of the body: the named steps of PREPARE_STEPS, run in that
 * order. A step either decides where the walk goes next, which ends the element's visit, or
 * returns undefined and lets the next step look at the element.
 */

/** The placeholder prepare leaves where it removed a block; standardise turns it into a <span>. */
export const MARKER_TAG = 'readmark-removed';

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

/** Where the walk goes on when a removal took an ancestor of the element being visited. */
export interface AfterAncestor {
  nextSibling: Element | null;
  parent: Element | null;
  levelsUp: number;
}

/** Where the walk goes next: the element to descend into, null to skip the subtree, or past a removed ancestor. */
export type Next = Element | AfterAncestor | null;

/** What a step sees besides the element: the walk's position and what prepare has found so far. */
export interface Visit {
  depth: number;
  /** Whether the removal rules run (off: the gentler prepare some page types get, see PrepareMode). */
  rules: boolean;
  bodyTextLength: number;
  prepared: Prepared;
  doc: Document;
}

type Step = (el: Element, visit: Visit) => Next | undefined;

// Deeper than any real page (the 130 test pages stay under 60). Past it the subtree becomes plain
// text: Readability recurses over the tree and a 20,000-deep page overflows the stack.
const MAX_DEPTH = 200;
// Never walked for rules: not prose, or code whose tokens are classed "comment", "tag"…
const SKIPPED = new Set(['script', 'style', 'template', 'svg', 'math', 'noscript', 'head', 'pre', 'code']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const PULL_QUOTE = /pull-?quote/i;
const MEDIA = new Set(['img', 'picture', 'video', 'iframe']);
// A paragraph this long is prose, not a kicker or a caption.
const PROSE_LENGTH = 150;

/** Readability swaps a lazy image for the <img> of the <noscript> after it: make that one absolute too. */
const resolveNoscriptImages: Step = (el, { prepared }) => {
  if (el.localName !== 'noscript') return undefined;
  for (const img of el.getElementsByTagName('img')) resolveMedia(img, prepared.base);
  return null;
};

/** Leaves alone what is not prose (scripts, code, SVG…) and what defusePage neutralised. */
const skipUnwalked: Step = (el) => (SKIPPED.has(el.localName) || isDefused(el) ? null : undefined);

/** Turns a subtree past MAX_DEPTH into its plain text. */
const flattenPastMaxDepth: Step = (el, { depth }) => {
  if (depth <= MAX_DEPTH) return undefined;
  el.textContent = el.textContent ?? '';
  return null;
};

/** Removes boilerplate the rules table matches: the element, or the widget a label of it names. */
const removeByRule: Step = (el, { rules, bodyTextLength, prepared, doc }) => {
  if (!rules) return undefined;
  const match = matchRule(el, el.hasAttributes() ? signatureOf(el) : '', bodyTextLength);
  if (!match) return undefined;
  const { target } = match;
  let after: AfterAncestor | null = null;
  if (target !== el) {
    let levelsUp = 0;
    for (let up: Element | null = el; up && up !== target; up = up.parentElement) levelsUp++;
    after = { nextSibling: target.nextElementSibling, parent: target.parentElement, levelsUp };
  }
  removeBlock(target, match.rule.id, match.rule.label, match.facts.text, prepared, doc);
  return after;
};

/** Removes the "skip to content" link that opens a page or its container (structure only, see skip-link.ts). */
const removeSkipLink: Step = (el, { rules, prepared, doc }) => {
  if (!rules || !isSkipLink(el, doc)) return undefined;
  // Listed under the navigation label the reader's interface already words in every language.
  removeBlock(el, 'skip-link', 'post navigation', null, prepared, doc);
  return null;
};

/** Removes what the page hides from every reader (attributes and inline style only). */
const removeHidden: Step = (el, { prepared, doc }) => {
  if (!el.hasAttributes() || !isHidden(el)) return undefined;
  removeBlock(el, 'hidden', HIDDEN_LABEL, null, prepared, doc);
  return null;
};

/** Makes the element's URLs absolute and wakes a lazy image. */
const resolveElementMedia: Step = (el, { prepared }) => {
  resolveMedia(el, prepared.base);
  return undefined;
};

/** Readability drops asides: a pull-quote aside becomes a blockquote, walked as one. */
const pullQuoteToBlockquote: Step = (el, { doc }) =>
  el.localName === 'aside' && PULL_QUOTE.test(el.getAttribute('class') ?? '')
    ? rename(el, 'blockquote', doc)
    : undefined;

/** Notes the first paragraph of prose: a figure after it is no longer the lead by position. */
const noteProse: Step = (el, { prepared }) => {
  if (el.localName === 'p' && !prepared.proseSeen)
    prepared.proseSeen = (el.textContent?.length ?? 0) > PROSE_LENGTH;
  return undefined;
};

/** Keeps a copy of the lead figure, which Readability's container often leaves out. */
const keepLeadFigure: Step = (el, { prepared }) => {
  if (!prepared.leadFigure && isLeadFigure(el, prepared.proseSeen))
    prepared.leadFigure = copyFigure(el, prepared.base);
  return undefined;
};

const PREPARE_STEPS: readonly Step[] = [
  resolveNoscriptImages,
  skipUnwalked,
  flattenPastMaxDepth,
  removeByRule,
  removeSkipLink,
  removeHidden,
  resolveElementMedia,
  pullQuoteToBlockquote,
  noteProse,
  keepLeadFigure,
];

/** Runs the steps on one element until one decides where the walk goes; by default, into it. */
export function visit(el: Element, state: Visit): Next {
  for (const step of PREPARE_STEPS) {
    const next = step(el, state);
    if (next !== undefined) return next;
  }
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

/** Replaces `target` with a marker and records the removal; an empty block just goes. */
function removeBlock(
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

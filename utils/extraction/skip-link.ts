import { collapse } from './block-facts';
import { safeCall } from './defuse-page';

/**
 * The accessibility "skip to content / navigation" link, recognised by its structure alone (no
 * words, no class names, so it holds in any language and on any theme): a short in-page link
 * ("#id") whose target exists and comes after it, that opens the page or its main/article
 * container (nothing readable before it there but at most two other in-page links, its siblings
 * in a skip-link group). A table of contents is kept: its links point at headings or at sections
 * that open with one; a footnote reference stands inside a sentence, and a footnote's back-link
 * points backwards.
 */
export function isSkipLink(a: Element, doc: Document): boolean {
  if (a.localName !== 'a') return false;
  const href = a.getAttribute('href');
  if (!href || href.length < 2 || href[0] !== '#') return false;
  const text = collapse(a.textContent ?? '');
  // The position first: it rules out an in-prose link in a step, the target look-up walks the page.
  if (!text || text.length > MAX_TEXT || !opensContainer(a)) return false;
  const target = safeCall<Element | null>(doc, 'getElementById', decodeId(href.slice(1)));
  return !!target && comesAfter(target, a) && !isSectionTarget(target);
}

// Longer than a label ("Skip to main content", "Aller au contenu principal"), shorter than a sentence.
const MAX_TEXT = 40;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const SUBHEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
const CONTAINERS = new Set(['body', 'main', 'article']);
const UNREAD = new Set(['script', 'style', 'template', 'noscript']);
// A skip-link group: "Skip to content", "Skip to navigation", "Skip to footer".
const MAX_LINKS_BEFORE = 2;

/**
 * Whether `later` comes after `el` in document order and outside it. By hand: linkedom's
 * compareDocumentPosition answers "preceding" for some following nodes.
 */
function comesAfter(later: Element, el: Element): boolean {
  const chain: Element[] = [];
  for (let up: Element | null = el; up; up = up.parentElement) chain.push(up);
  let branch: Element = later;
  for (let up = later.parentElement; up; branch = up, up = up.parentElement) {
    const at = chain.indexOf(up);
    if (at < 0) continue;
    if (at === 0) return false; // inside `el`
    for (let sibling = chain[at - 1]!.nextElementSibling; sibling; sibling = sibling.nextElementSibling)
      if (sibling === branch) return true;
    return false;
  }
  return false;
}

function decodeId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/**
 * A target a table of contents points at: a heading, inside one, or a section whose first
 * readable text is a subheading (a skip link's <main> may open with the article's <h1>).
 */
function isSectionTarget(target: Element): boolean {
  for (let el: Element | null = target; el; el = el.parentElement)
    if (HEADINGS.has(el.localName)) return true;
  const first = firstReadable(target);
  for (let el = first?.parentElement ?? null; el && el !== target.parentElement; el = el.parentElement)
    if (SUBHEADINGS.has(el.localName)) return true;
  return false;
}

function firstReadable(root: Node): Text | null {
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) {
      if (/\S/.test((node as Text).data)) return node as Text;
    } else if (node.nodeType === 1 && !UNREAD.has((node as Element).localName)) {
      const found = firstReadable(node);
      if (found) return found;
    }
  }
  return null;
}

/** Whether nothing readable but a few in-page links comes before `a` in its page or main/article container. */
function opensContainer(a: Element): boolean {
  let linksBefore = 0;
  for (let el: Element = a; ; ) {
    for (let node = el.previousSibling; node; node = node.previousSibling) {
      if (node.nodeType === 3) {
        if (/\S/.test((node as Text).data)) return false;
      } else if (node.nodeType === 1 && !UNREAD.has((node as Element).localName)) {
        const element = node as Element;
        if (firstReadable(element) && (!countsAsLink(element) || ++linksBefore > MAX_LINKS_BEFORE))
          return false;
      }
    }
    const parent = el.parentElement;
    if (!parent) return false;
    if (CONTAINERS.has(parent.localName) || parent.getAttribute('role') === 'main') return true;
    el = parent;
  }
}

/** An in-page link, or a group's wrapper (<li>, <div>) around one and nothing else readable. */
function countsAsLink(el: Element): boolean {
  if (isInPageLink(el)) return true;
  const links = el.getElementsByTagName('a');
  const link = links.length === 1 ? links[0] : undefined;
  return !!link && isInPageLink(link) && collapse(el.textContent ?? '') === collapse(link.textContent ?? '');
}

function isInPageLink(el: Element): boolean {
  return el.localName === 'a' && (el.getAttribute('href') ?? '').startsWith('#');
}

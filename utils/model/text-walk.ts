/**
 * The one text walker: which elements carry text a reader sees, where lines (blocks) start and end,
 * and a walk that reports both in document order. Extraction's block text (the saved article's
 * `textContent`) and annotation's text model (quote selectors, text offsets) are both built on it,
 * so the text a highlight is placed in on save and the text it is anchored in later have the same
 * words and the same block boundaries.
 *
 * The rules are deliberately attribute-only (no computed style): they must give the same answer
 * on the saved reader copy and on the live page, in a Worker, in Node and in the browser. They
 * mirror what Readability drops as invisible (`hidden`, `aria-hidden="true"`, inline
 * `display:none` / `visibility:hidden`). DOM types only: this module imports nothing.
 */

/**
 * How the walk treats an element: `skip` (its subtree contributes no text), `block` (its edges
 * separate words, like a line break) or `inline` (its text runs on into its neighbours').
 */
export type ElementKind = 'skip' | 'block' | 'inline';

/** Elements whose content is never prose the reader sees (or sees as form input, not article). */
export const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'textarea',
  'select',
  'button',
]);

/** Elements that start and end a line of text (HTML's block-level and table elements, and <br>). */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'option',
  'p',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** Classifies an element for the walk (see the module comment for the rules). */
export function elementKind(el: Element): ElementKind {
  const name = (el.localName || el.nodeName).toLowerCase();
  if (SKIPPED_ELEMENTS.has(name)) return 'skip';
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return 'skip';
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return 'skip';
  return BLOCK_ELEMENTS.has(name) ? 'block' : 'inline';
}

/** What the walk reports, in document order. */
export interface TextVisitor {
  /** A text node outside every skipped subtree. */
  text(node: Text): void;
  /** The start or the end of a block: words on either side are on different lines. */
  blockEdge(): void;
  /** Asked after each block edge: true ends the walk there (a reader that needs only the first lines). */
  done?(): boolean;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Walks the text under `root` (an element, fragment or Document; `root` itself is never skipped
 * and its own edges are not reported). `kindOf` may narrow the rules (skip more), never replace
 * them, or the two readings of a text drift apart. Iterative: pages nest deeper than the call
 * stack allows.
 */
export function walkText(
  root: Node,
  visitor: TextVisitor,
  kindOf: (el: Element) => ElementKind = elementKind,
): void {
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) visitor.text(node as Text);
    else if (node.nodeType === ELEMENT_NODE) {
      const kind = kindOf(node as Element);
      if (kind === 'block' && edgeEnds(visitor)) return;
      descend = kind !== 'skip';
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // A childless block reported its edge on the way in: one edge stands for both of its ends.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (
        node &&
        node !== root &&
        node.nodeType === ELEMENT_NODE &&
        kindOf(node as Element) === 'block' &&
        edgeEnds(visitor)
      )
        return;
    }
    node = node && node !== root ? node.nextSibling : null;
  }
}

/** Reports a block edge; true when the visitor wants no more. */
function edgeEnds(visitor: TextVisitor): boolean {
  visitor.blockEdge();
  return visitor.done?.() ?? false;
}

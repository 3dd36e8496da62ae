/**
 * Segments a prepared document into blocks, the unit the learned filter keeps or drops. A block is
 * a block-level element together with the text whose nearest block-level ancestor it is: a <p>
 * with its links and emphasis, an <li>, a heading, or a <div>'s own loose text (not its child
 * paragraphs, which are blocks of their own). One recursive walk collects each block's text and
 * the context the features need (ancestors' tags and class/id/role tokens).
 */
import { collapse, FORM_MARK } from './block-facts';
import { BLOCKS } from './block-text';

/**
 * Attribute that carries a block's index through Readability (which copies attributes when it
 * renames); where Readability re-parents the text instead, `Block.texts` finds the block.
 */
export const BLOCK_MARK = 'data-readmark-block';

/**
 * The elements that make a block: those that break a line of text (block-text's list), less the
 * void ones and two the shipped model was trained without, plus <body> for text loose in it.
 */
export const BLOCK_TAGS = new Set(
  [...BLOCKS, 'body'].filter((tag) => !['br', 'hr', 'option', 'search'].includes(tag)),
);
const SKIPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'head',
  'iframe',
  'select',
  'option',
]);

/** Ancestor kinds a block may sit in, as bits of `Block.inside`. */
export const CONTAINERS = [
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'article',
  'main',
  'list',
  'table',
  'figure',
  'heading',
  'hidden',
] as const;
const CONTAINER_BIT = new Map<string, number>(CONTAINERS.map((name, index) => [name, 1 << index]));

/** Whether the block sits in (or is) a container of that kind. */
export function isInside(block: Pick<Block, 'inside'>, container: (typeof CONTAINERS)[number]): boolean {
  return (block.inside & CONTAINER_BIT.get(container)!) !== 0;
}
const TAG_CONTAINER: Record<string, string> = {
  nav: 'nav',
  header: 'header',
  footer: 'footer',
  aside: 'aside',
  form: 'form',
  article: 'article',
  main: 'main',
  ul: 'list',
  ol: 'list',
  dl: 'list',
  menu: 'list',
  table: 'table',
  figure: 'figure',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
};

export interface Block {
  el: Element;
  tag: string;
  /** Own text (inline descendants included, child blocks not), whitespace collapsed. */
  text: string;
  /** Characters of `text` inside links. */
  linkChars: number;
  /** Depth of the element under <body>. */
  depth: number;
  /** Bits of CONTAINERS the block sits in (itself included). */
  inside: number;
  /** Class/id/role/aria tokens of the element and its parent (lower case). */
  nearTokens: string[];
  /** Class/id/role/aria tokens of all ancestors above the parent, outermost first. */
  readonly farTokens: string[];
  /** Text length and link characters of the parent element's whole subtree. */
  parentText: number;
  parentLinks: number;
  /**
   * The block's own non-blank text nodes, to find the block in Readability's article when its
   * stamp is lost. Readability moves text nodes, never copies them: it wraps a <div>'s loose text
   * in a new <p> and replaces a <div> left holding only that <p> by it, so the stamped <div>
   * stays behind while its text arrives in the article.
   */
  texts: Text[];
}

interface Totals {
  text: number;
  links: number;
}

/** Ancestors' tokens, innermost first, shared by every element below them (no copy per element). */
interface TokenChain {
  tokens: string[];
  up: TokenChain | null;
}

/** The chain's tokens, outermost ancestor first. */
function chainTokens(chain: TokenChain | null): string[] {
  const segments: string[][] = [];
  for (let link = chain; link; link = link.up) segments.push(link.tokens);
  return segments.reverse().flat();
}

interface Context {
  inside: number;
  depth: number;
  /** Tokens of the ancestors above the parent of the current element. */
  far: TokenChain | null;
  /** Tokens of the parent element. */
  parent: string[];
  inLink: boolean;
}

/**
 * The class, id, role and aria-label of an element, split into lower-case word tokens. `seen`
 * remembers the tokens of signatures met before (a page repeats the same classes hundreds of times).
 */
export function elementTokens(el: Element, seen?: Map<string, string[]>): string[] {
  let signature = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  for (const name of ['role', 'aria-label', 'itemprop', 'data-testid']) {
    const value = el.getAttribute(name);
    if (value) signature += ` ${value}`;
  }
  const known = seen?.get(signature);
  if (known) return known;
  // "postBody" → "post body"; separators and digits split.
  const tokens = signature
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((token) => token.length > 1);
  seen?.set(signature, tokens);
  return tokens;
}

function isHidden(el: Element): boolean {
  return (
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true' ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '')
  );
}

/** The blocks of `body` in document order (of their first text), each marked with BLOCK_MARK. */
export function segmentBlocks(body: Element): Block[] {
  const blocks: Block[] = [];
  const parts = new Map<Element, { text: string[]; links: number; block: Block }>();
  const pending: { block: Block; parent: Element | null }[] = [];
  const totals = new Map<Element, Totals>();
  const seen = new Map<string, string[]>();

  const walk = (el: Element, blockEl: Element, context: Context, blockContext: Context): Totals => {
    const sum: Totals = { text: 0, links: 0 };
    for (let node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const value = node.nodeValue ?? '';
        if (!value.trim()) {
          parts.get(blockEl)?.text.push(' ');
          continue;
        }
        let entry = parts.get(blockEl);
        if (!entry) {
          const far = blockContext.far;
          const block: Block = {
            el: blockEl,
            tag: blockEl.localName,
            text: '',
            linkChars: 0,
            depth: blockContext.depth,
            inside: blockContext.inside,
            nearTokens: [...blockContext.parent, ...elementTokens(blockEl, seen)],
            // Only the block filter reads them, and only where it is on: flattened on demand.
            get farTokens() {
              return chainTokens(far);
            },
            parentText: 0,
            parentLinks: 0,
            texts: [],
          };
          entry = { text: [], links: 0, block };
          parts.set(blockEl, entry);
          blocks.push(block);
          pending.push({ block, parent: blockEl.parentElement });
        }
        entry.text.push(value);
        entry.block.texts.push(node as Text);
        const length = value.trim().length;
        sum.text += length;
        if (context.inLink) {
          entry.links += length;
          sum.links += length;
        }
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      const tag = child.localName;
      if (SKIPPED.has(tag)) continue;
      let inside = context.inside;
      const container = TAG_CONTAINER[tag] ?? (child.hasAttribute(FORM_MARK) ? 'form' : undefined);
      if (container) inside |= CONTAINER_BIT.get(container)!;
      if (child.hasAttributes() && isHidden(child)) inside |= CONTAINER_BIT.get('hidden')!;
      const childContext: Context = {
        inside,
        depth: context.depth + 1,
        far: context.parent.length ? { tokens: context.parent, up: context.far } : context.far,
        parent: child.hasAttributes() ? elementTokens(child, seen) : [],
        inLink: context.inLink || tag === 'a',
      };
      const isBlock = BLOCK_TAGS.has(tag);
      const inner = walk(child, isBlock ? child : blockEl, childContext, isBlock ? context : blockContext);
      sum.text += inner.text;
      sum.links += inner.links;
    }
    totals.set(el, sum);
    return sum;
  };

  const root: Context = { inside: 0, depth: 0, far: null, parent: [], inLink: false };
  walk(body, body, root, root);
  for (const block of blocks) {
    const entry = parts.get(block.el)!;
    block.text = collapse(entry.text.join(''));
    block.linkChars = Math.min(entry.links, block.text.length);
  }
  for (const { block, parent } of pending) {
    const parentTotals = (parent && totals.get(parent)) || totals.get(block.el);
    block.parentText = parentTotals?.text ?? 0;
    block.parentLinks = parentTotals?.links ?? 0;
  }
  const kept = blocks.filter((block) => block.text);
  kept.forEach((block, index) => {
    block.el.setAttribute(BLOCK_MARK, String(index));
  });
  return kept;
}

/**
 * Serialises the live page as `document.documentElement.outerHTML` would, without holding the
 * page's main thread: the work is cut into slices of a few milliseconds with a real task boundary
 * between them (a MessageChannel message; an awaited promise is a microtask and lets nothing else
 * run), so the page keeps scrolling, painting and answering input while a 100,000-element or
 * 5 MB page is captured. outerHTML in one call held the page for seconds on such pages.
 *
 * How: a small subtree (SMALL_NODES nodes, SMALL_TEXT characters) is serialised by the browser in
 * one outerHTML call. A bigger element is taken apart: its open and close tags come from a shallow
 * copy imported into an inert document (the browser's own attribute escaping; an inert document
 * has no custom-element registry, so no page code runs), then its children one by one, and a long
 * text node in pieces. Raw-text elements (script, style…) and <template> are always serialised
 * whole: their contents follow other rules.
 *
 * A page that changes while it is captured: each element's child list is copied when the walk
 * enters it, so the result is always well-formed HTML, but parts of it may come from different
 * moments (a node removed meanwhile still appears, one added to an element already entered does
 * not). Cloning the document first would give one instant, but a deep clone of 100,000 elements is
 * itself one long task of the kind this avoids; for an article the mixed moments do not matter.
 *
 * Properties are read through the prototypes' getters, never from the nodes: a page can shadow
 * `form.childNodes` or `document.documentElement` by naming a form control or an image so.
 */

import type { CapturedPage, PageCapture } from '@/utils/messaging';

/** Longest run of serialising between two yields to the page. */
const SLICE_MS = 5;
/** A subtree with at most this many nodes and characters of text is serialised in one call. */
const SMALL_NODES = 200;
const SMALL_TEXT = 64 * 1024;
/** A text node longer than this is escaped in pieces of this length. */
const TEXT_PIECE = 256 * 1024;
/** Elements whose text children are serialised raw, or (template) whose contents are not children. */
const WHOLE = new Set([
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
  'noscript',
  'template',
]);
const HTML_NS = 'http://www.w3.org/1999/xhtml';

function getter<T>(proto: object, name: string): (this: unknown) => T {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const get = Object.getOwnPropertyDescriptor(p, name)?.get;
    if (get) return get as (this: unknown) => T;
  }
  throw new Error(`DOM property ${name} not found`);
}

/** The DOM reads the walk needs, bound to the prototypes (see the module comment). */
function domReads() {
  const read = <T>(proto: object, name: string) => {
    const get = getter<T>(proto, name);
    return (node: Node) => get.call(node);
  };
  return {
    documentElement: read<Element | null>(Document.prototype, 'documentElement'),
    nodeType: read<number>(Node.prototype, 'nodeType'),
    firstChild: read<Node | null>(Node.prototype, 'firstChild'),
    nextSibling: read<Node | null>(Node.prototype, 'nextSibling'),
    parentNode: read<Node | null>(Node.prototype, 'parentNode'),
    childNodes: read<NodeListOf<ChildNode>>(Node.prototype, 'childNodes'),
    localName: read<string>(Element.prototype, 'localName'),
    namespaceURI: read<string | null>(Element.prototype, 'namespaceURI'),
    outerHTML: read<string>(Element.prototype, 'outerHTML'),
    data: read<string>(CharacterData.prototype, 'data'),
    target: read<string>(ProcessingInstruction.prototype, 'target'),
  };
}

/** Resolves in a new task: rendering, input and the page's own tasks run before it. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface SerialiseOptions {
  /** How the walk gives the page its thread back between slices (tests count the calls). */
  yieldToPage?: () => Promise<void>;
  sliceMs?: number;
}

/** Escapes text as the HTML serialisation algorithm does outside raw-text elements. */
function escapeText(text: string): string {
  return text.replace(/[&<>\u00a0]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;',
  );
}

/** One element being taken apart: what is left of its children, then its close tag. */
interface Frame {
  items: (Node | string)[];
  next: number;
  close: string;
}

/** `doc.documentElement.outerHTML`, serialised in slices that each hold the thread for about `sliceMs`. */
export async function serialisePage(doc: Document, options: SerialiseOptions = {}): Promise<string> {
  const { yieldToPage = nextTask, sliceMs = SLICE_MS } = options;
  const dom = domReads();
  const root = dom.documentElement(doc);
  if (!root) return '';
  const inert = doc.implementation.createHTMLDocument('');
  const out: string[] = [];
  // Each slice joins its own pieces: one join of a 100,000-piece page at the end was a task of its own.
  const slices: string[] = [];
  const stack: Frame[] = [];

  /**
   * Elements known to be too big for one call. When a subtree walk gives up while still inside the
   * first child, that child is big too and is not walked again: a 20,000-deep chain costs one short
   * walk per level instead of SMALL_NODES.
   */
  const big = new WeakSet<Node>();
  /** True when the subtree has at most about SMALL_NODES nodes and SMALL_TEXT characters of text. */
  const isSmall = (el: Element): boolean => {
    if (big.has(el)) return false;
    const first = dom.firstChild(el);
    let inFirst = true;
    let nodes = 0;
    let text = 0;
    let node: Node | null = first;
    while (node && node !== el) {
      const isElement = dom.nodeType(node) === Node.ELEMENT_NODE;
      if (!isElement) text += dom.data(node).length;
      if (++nodes > SMALL_NODES || text > SMALL_TEXT) {
        if (inFirst && first) big.add(first);
        return false;
      }
      const down = isElement ? dom.firstChild(node) : null;
      if (down) {
        node = down;
        continue;
      }
      while (node && node !== el && !dom.nextSibling(node)) node = dom.parentNode(node);
      if (node === first) inFirst = false;
      if (node && node !== el) node = dom.nextSibling(node);
    }
    return true;
  };

  const emitElement = (el: Element) => {
    const whole = dom.namespaceURI(el) === HTML_NS && WHOLE.has(dom.localName(el));
    if (whole || isSmall(el)) {
      out.push(dom.outerHTML(el));
      return;
    }
    const shell = dom.outerHTML(inert.importNode(el, false));
    // A void element (<br>, <img>) has no close tag and outerHTML leaves out any children a script gave it.
    const close = /<\/[^<>"]*>$/.exec(shell)?.[0] ?? '';
    out.push(shell.slice(0, shell.length - close.length));
    if (close) stack.push({ items: [...dom.childNodes(el)], next: 0, close });
  };

  const emit = (node: Node) => {
    switch (dom.nodeType(node)) {
      case Node.ELEMENT_NODE:
        return emitElement(node as Element);
      case Node.TEXT_NODE: {
        const text = dom.data(node);
        if (text.length <= TEXT_PIECE) return out.push(escapeText(text));
        const pieces: string[] = [];
        for (let at = 0; at < text.length; at += TEXT_PIECE) pieces.push(text.slice(at, at + TEXT_PIECE));
        return stack.push({ items: pieces, next: 0, close: '' });
      }
      case Node.COMMENT_NODE:
        return out.push(`<!--${dom.data(node)}-->`);
      case Node.PROCESSING_INSTRUCTION_NODE:
        return out.push(`<?${dom.target(node)} ${dom.data(node)}>`);
    }
  };

  emitElement(root);
  let sliceStart = performance.now();
  while (stack.length) {
    if (performance.now() - sliceStart >= sliceMs) {
      slices.push(out.join(''));
      out.length = 0;
      await yieldToPage();
      sliceStart = performance.now();
    }
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next === frame.items.length) {
      out.push(frame.close);
      stack.pop();
      continue;
    }
    const item = frame.items[frame.next++] as Node | string;
    if (typeof item === 'string') out.push(escapeText(item));
    else emit(item);
  }
  slices.push(out.join(''));
  return slices.join('');
}

/** The page as the content script sends it for extraction: its address, title and HTML. */
export async function capturePage(doc: Document): Promise<PageCapture> {
  const html = await serialisePage(doc);
  return { url: doc.location.href, title: getter<string>(Document.prototype, 'title').call(doc), html };
}

/** Characters of the selection sent to the popup: enough to recognise it. */
const SELECTION_SHOWN = 400;

/**
 * What the popup asks of a page: the capture, and the text the reader selected on it before
 * opening the popup ('' for none), which the popup offers to highlight.
 */
export async function capturePageWithSelection(doc: Document): Promise<CapturedPage> {
  const selection = doc.getSelection();
  const selected =
    selection && !selection.isCollapsed && selection.rangeCount
      ? selection.getRangeAt(0).toString().trim().slice(0, SELECTION_SHOWN)
      : '';
  return { ...(await capturePage(doc)), selection: selected };
}

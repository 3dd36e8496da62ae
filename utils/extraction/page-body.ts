import { safeGet } from './defuse-page';

/**
 * linkedom's `document.body` is the element right after <head>; when that is not a <body> (a
 * <noscript> or <script> written between </head> and <body>, which a browser's parser would
 * have moved), it creates an empty <body> there and returns it. Every later step, and
 * Readability, then sees an empty page. Browsers put such elements into the body (or the head,
 * for scripts, which no step reads): so does this, before anything asks for `document.body`.
 * What a page writes after a `</body>` that came too early goes on in a browser's body too; linkedom
 * leaves it after the body, where no step looks (a train article kept all but its first paragraph
 * there): it is moved to the end of the body. (`parsePage` already puts it where a browser does,
 * inside the element still open; this is for a document parsed otherwise.)
 */
export function settleBody(doc: Document): void {
  const root = settleRoot(doc);
  if (!root) return;
  const children = [...root.children];
  const body = children.find((el) => el.localName === 'body');
  if (!body) return;
  const head = children.find((el) => el.localName === 'head');
  const strays = children.slice(0, children.indexOf(body)).filter((el) => el !== head);
  body.prepend(...strays);
  if (head) body.prepend(...headOverflow(head));
  const trailing: Node[] = [];
  for (let node = body.nextSibling; node; node = node.nextSibling) trailing.push(node);
  body.append(...trailing);
}

const DOCTYPE_NODE = 10;

/**
 * linkedom builds no <html> of its own. A page may leave the tag out (HTML allows it:
 * `<!DOCTYPE html><head>…</head><body>…`): the document then holds <head> and <body> side by side,
 * its documentElement is the <head>, and `document.body` makes a new empty <body> inside it, so
 * prepare, the blocks and the model see nothing (Readability still finds the text: the page came
 * out as plain Readability's). An element before <html> (a <style>), or a second <html> inside it,
 * does the same. Browsers always
 * build html > head, body: so does this, every node kept in order, with a <body> around what an
 * <html> without one holds. A document already so built is left as it is.
 */
function settleRoot(doc: Document): Element | null {
  const elements = [...safeGet<HTMLCollection>(doc, 'children')];
  let root = elements.find((el) => el.localName === 'html');
  const hasBody = (html: Element) => [...html.children].some((el) => el.localName === 'body');
  // A second <html> inside the first (two templates glued together) adds nothing of its own.
  for (const inner of root ? [...root.children].filter((el) => el.localName === 'html') : [])
    inner.replaceWith(...inner.childNodes);
  if (root && elements.length === 1 && hasBody(root)) return root;
  if (!root) {
    if (elements.length === 0) return null;
    root = doc.createElement('html');
  }
  const before: Node[] = [];
  const after: Node[] = [];
  let passed = false;
  for (const node of [...safeGet<NodeListOf<ChildNode>>(doc, 'childNodes')]) {
    if (node === root) passed = true;
    else if (node.nodeType !== DOCTYPE_NODE) (passed ? after : before).push(node);
  }
  root.prepend(...before);
  root.append(...after);
  if (!root.parentNode) doc.appendChild(root);
  if (!hasBody(root)) wrapBody(doc, root);
  return root;
}

// What a browser's parser puts into <head> until the first other element or text.
const HEAD_ELEMENTS = new Set([
  'title',
  'meta',
  'link',
  'base',
  'style',
  'script',
  'noscript',
  'template',
  'noframes',
  'basefont',
  'bgsound',
]);
const isBlank = (node: Node) => node.nodeType === 3 && !node.nodeValue?.trim();
const inHead = (node: Node) =>
  isBlank(node) ||
  node.nodeType === 8 ||
  (node.nodeType === 1 && HEAD_ELEMENTS.has((node as Element).localName));

/**
 * What a browser's parser would have put into the body of what linkedom left in <head>: a browser
 * ends the head at the first element or text a head cannot hold (a theme's banner <div>, a
 * "Skip to main content" link written before `</head>`), and that node and every one after it go
 * into the body, in order; linkedom keeps them all in the head, where Readability's walk up from a
 * paragraph there reaches the document and throws, and no other step looks. An <html>, <head> or
 * <body> among them, which a browser never nests, gives its children instead.
 */
function headOverflow(head: Element): Node[] {
  const first = [...head.childNodes].findIndex((node) => !inHead(node));
  if (first < 0) return [];
  const overflow = [...head.childNodes].slice(first);
  for (const node of overflow)
    if (node.nodeType === 1 && ROOT_ELEMENTS.has((node as Element).localName))
      (node as Element).replaceWith(...node.childNodes);
  return [...head.childNodes].slice(first);
}

const ROOT_ELEMENTS = new Set(['html', 'head', 'body']);

/** A <body> for an <html> without one: its leading title, metas, styles and scripts go into <head>, the rest into the body. */
function wrapBody(doc: Document, root: Element): void {
  let head = [...root.children].find((el) => el.localName === 'head') ?? null;
  const body = doc.createElement('body');
  let stillInHead = true;
  for (const node of [...root.childNodes]) {
    if (node === head) continue;
    stillInHead &&= inHead(node);
    if (!stillInHead) body.append(node);
    else {
      if (!head) {
        head = doc.createElement('head');
        root.prepend(head);
      }
      head.append(node);
    }
  }
  root.append(body);
}

/**
 * Puts what each <noscript> of the body holds in its place. A page rendered by script can serve
 * its whole text for no-script readers inside one (Discourse forums: a thread's posts), which
 * Readability removes with the scripts; the pipeline's last try on a page where it found no text.
 * Parsed with scripting on, a <noscript> holds its markup as text: that is parsed here as HTML.
 */
export function unwrapNoscripts(doc: Document): void {
  const body = doc.body as HTMLElement | null;
  if (!body) return;
  for (const noscript of [...body.getElementsByTagName('noscript')]) {
    if (!noscript.firstElementChild && noscript.textContent?.includes('<'))
      noscript.innerHTML = noscript.textContent;
    noscript.replaceWith(...noscript.childNodes);
  }
}

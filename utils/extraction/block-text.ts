// Elements that start and end a line of text (HTML's block-level and table elements, and <br>).
const BLOCKS = new Set([
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
/** Elements whose text a reader never sees. */
export const UNSEEN = new Set(['script', 'style', 'template', 'noscript']);

/**
 * The text of `root` as lines, one per block: a caption, a credit or a byline is a line of its
 * own, never glued to the paragraph after it (`<figcaption>Photo: X</figcaption><p>Text` is
 * "Photo: X" then "Text"). Whitespace collapsed, empty lines dropped; elements in `skipped` (under
 * `root`) left out. Iterative, so deep trees cannot overflow the stack.
 */
export function blockLines(root: Element, skipped: ReadonlySet<string> = UNSEEN): string[] {
  const lines: string[] = [];
  let line = '';
  const endLine = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === BLOCK_END) {
      endLine();
      continue;
    }
    if (node.nodeType === 3) {
      line += (node as Text).data;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).localName;
    if (skipped.has(tag) && node !== root) continue;
    const block = BLOCKS.has(tag);
    if (block) {
      endLine();
      stack.push(BLOCK_END);
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  endLine();
  return lines;
}

/**
 * The text of `root` with a space wherever a block starts or ends, whitespace collapsed:
 * `<p>Step 5</p><p>Gently…` reads "Step 5 Gently…", where textContent would glue "5Gently".
 * It is `blockLines` joined by spaces: the form saved articles keep (highlights are anchored in it).
 */
export function blockText(root: Element): string {
  return blockLines(root).join(' ');
}

// Pushed after a block's children: the block's end.
const BLOCK_END = { nodeType: 0 } as unknown as Node;

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/**
 * The text of `root` with a space wherever a block starts or ends, whitespace collapsed:
 * `<p>Step 5</p><p>Gently…` reads "Step 5 Gently…", where textContent would glue "5Gently".
 * Iterative, so deep trees cannot overflow the stack.
 */
export function blockText(root: Element): string {
  let text = '';
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      text += (node as Text).data;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const block = BLOCKS.has((node as Element).localName);
    if (block) text += ' ';
    const children = node.childNodes;
    if (block) stack.push(SPACE);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return text.replace(/\s+/g, ' ').trim();
}

// Pushed after a block's children: the block's end, as a text node that reads " ".
const SPACE = { nodeType: 3, data: ' ' } as unknown as Node;

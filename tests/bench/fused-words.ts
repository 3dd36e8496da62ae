/**
 * `npm run bench:fused-words [-- --every N | --ids 0054,0111]`: words fused across a block
 * boundary in Readmark's output (saved text, which the popup preview shows, and Markdown), over
 * the WCXB train hosts (every Nth page, 1 = all; or the train pages named).
 *
 * A fused word is a token of the output that is not a token of the source page but is two
 * adjacent source tokens concatenated, where the two sit on either side of a block boundary in
 * the source ("<figcaption>Photo: X</figcaption><p>Text" → "XText"). Source tokens are read per
 * text node, so a word the page itself splits across inline tags ("<b>W</b>ord") is not counted,
 * nor is a concatenation the page also writes inside one line. Markdown is measured without its
 * front matter and link destinations (URLs are not prose).
 */
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { createSanitiser, extractFromHtml } from '@/utils/extraction';
import { formatArticle } from '../../utils/cli/format-article';
import { corpusAvailable, loadSplit, loadTruth, partOf, readPageHtml, tokenize } from '../../utils/training';

// HTML's phrasing content: crossing these does not end a line of text.
const PHRASING = new Set(
  'a abbr b bdi bdo button cite code data dfn em font i img input kbd label mark meter output picture progress q rp rt ruby s samp select small span strong sub sup textarea time u var wbr'.split(
    ' ',
  ),
);
const UNSEEN = new Set(['script', 'style', 'template', 'noscript', 'head']);

interface SourceTokens {
  tokens: Set<string>;
  /** Concatenations of two tokens adjacent across a block boundary, and those that are not. */
  acrossBlocks: Set<string>;
  inline: Set<string>;
}

/** The page's tokens, text node by text node, and which adjacent pairs a block boundary separates. */
function sourceTokens(root: Element): SourceTokens {
  const found: SourceTokens = { tokens: new Set(), acrossBlocks: new Set(), inline: new Set() };
  let previous: string | null = null;
  let crossed = false;
  const stack: (Node | 'end')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'end') {
      crossed = true;
      continue;
    }
    if (node.nodeType === 3) {
      const tokens = tokenize((node as Text).data);
      if (tokens.length === 0) continue;
      if (previous !== null) (crossed ? found.acrossBlocks : found.inline).add(previous + tokens[0]);
      for (const token of tokens) found.tokens.add(token);
      previous = tokens[tokens.length - 1]!;
      crossed = false;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).localName;
    if (UNSEEN.has(tag)) continue;
    const block = !PHRASING.has(tag);
    if (block) {
      crossed = true;
      stack.push('end');
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

/** The output's fused words (with repeats: each occurrence counts). */
function fusedWords(output: string, source: SourceTokens): string[] {
  return tokenize(output).filter(
    (token) => !source.tokens.has(token) && source.acrossBlocks.has(token) && !source.inline.has(token),
  );
}

function main(): void {
  const { values } = parseArgs({
    options: { every: { type: 'string', default: '1' }, ids: { type: 'string' } },
  });
  const ids = values.ids ? new Set(values.ids.split(',')) : null;
  if (!corpusAvailable()) {
    console.warn('Fused-word count skipped: ../shared/corpora/wcxb-train not found');
    return;
  }
  const every = Math.max(1, Number(values.every));
  const split = loadSplit();
  const pages = loadTruth()
    .filter((page) => partOf(page, split) === 'train')
    .filter((page, index) => (ids ? ids.has(page.id) : index % every === 0));
  const sanitise = createSanitiser(new JSDOM('').window as unknown as Window & typeof globalThis);
  const totals = { text: 0, markdown: 0, pages: 0, failed: 0, pagesWithFused: 0 };
  const examples: string[] = [];
  for (const page of pages) {
    const html = readPageHtml(page.id);
    const source = sourceTokens(parseHTML(html).document.documentElement as unknown as Element);
    let article: ReturnType<typeof extractFromHtml>;
    try {
      article = extractFromHtml(html, { url: page.url, sanitise });
    } catch {
      totals.failed++;
      continue;
    }
    totals.pages++;
    const markdown = formatArticle(article, 'markdown', sanitise)
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(/\]\([^)]*\)/g, '] ');
    const inText = fusedWords(article.textContent, source);
    const inMarkdown = fusedWords(markdown, source);
    totals.text += inText.length;
    totals.markdown += inMarkdown.length;
    if (inText.length + inMarkdown.length > 0) totals.pagesWithFused++;
    for (const word of [...inText, ...inMarkdown].slice(0, 2))
      if (examples.length < 15) examples.push(`${page.id}: ${word}`);
  }
  console.log(
    `Fused words, WCXB train hosts (${totals.pages} pages, every ${every}th; ${totals.failed} without article text):`,
  );
  console.log(`  saved text (and popup preview): ${totals.text}`);
  console.log(`  Markdown: ${totals.markdown}`);
  console.log(`  pages with any: ${totals.pagesWithFused}`);
  if (examples.length) console.log(`  examples: ${examples.join(', ')}`);
}

main();

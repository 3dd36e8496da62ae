import {
  buildTextModel,
  locate,
  pointToTextOffset,
  type TextModel,
  textOffsetsToRange,
} from '@/utils/annotation';
import { walkText } from '@/utils/model';
import type { ParagraphSource } from '../shared/listen/listen-plan';

/** One block of the extracted article, found on the live page: [start, end) of the page's text model. */
export interface LiveParagraph extends ParagraphSource {
  start: number;
  end: number;
}

/**
 * The extracted article laid over the live page: each block of the article (a paragraph, a
 * heading, a list item) found in the page's text, so Listen reads the article and nothing of the
 * page's menus, comments or share bars, and marks it where the reader sees it.
 */
export interface LiveArticle {
  model: TextModel;
  paragraphs: LiveParagraph[];
  /** Blocks of the article that were not found on the page (rewritten by the page since, or restored by extraction). */
  missing: number;
}

/**
 * The article's blocks, in order, whitespace collapsed. The HTML is the extraction pipeline's
 * (sanitised) and is parsed into an inert document (DOMParser: no script runs, nothing loads);
 * the same text walker as the text model marks where blocks start and end.
 */
export function articleBlocks(contentHtml: string, parser: DOMParser): string[] {
  const parsed = parser.parseFromString(contentHtml, 'text/html');
  const blocks: string[] = [];
  let text = '';
  const edge = () => {
    const block = text.replace(/\s+/g, ' ').trim();
    if (block) blocks.push(block);
    text = '';
  };
  walkText(parsed.body, { text: (node) => (text += node.data), blockEdge: edge });
  edge();
  return blocks;
}

/**
 * Finds each block on the page: exactly, from where the previous one ended (the usual case: the
 * page shows the article's words in the article's order), else the best approximate match of the
 * quote anywhere (the annotation room's anchoring). Blocks found nowhere are left out; the rest
 * are kept in page order without overlaps.
 */
export function mapArticle(root: Element, blocks: readonly string[], lang: string): LiveArticle {
  const model = buildTextModel(root);
  const { text } = model;
  const spans: { start: number; end: number }[] = [];
  let cursor = 0;
  let missing = 0;
  for (const block of blocks) {
    const at = text.indexOf(block, cursor);
    if (at >= 0) {
      spans.push({ start: at, end: at + block.length });
      cursor = at + block.length;
      continue;
    }
    const found = locate(model, {
      quote: { type: 'TextQuoteSelector', exact: block, prefix: '', suffix: '' },
    });
    if (found) spans.push({ start: found.start, end: found.end });
    else missing++;
  }
  spans.sort((a, b) => a.start - b.start);
  const paragraphs: LiveParagraph[] = [];
  for (const span of spans) {
    const last = paragraphs.at(-1);
    if (last && span.start < last.end) continue;
    const { start, end } = span;
    paragraphs.push({
      start,
      end,
      text: text.slice(start, end),
      lang: langAt(model, start) || lang,
      rangeOf: (from, to) => textOffsetsToRange(model, start + from, start + to),
    });
  }
  return { model, paragraphs, missing };
}

/** The nearest lang attribute around a place of the page, or '' where none is set. */
function langAt(model: TextModel, offset: number): string {
  const range = textOffsetsToRange(model, offset, offset + 1);
  const element = range.startContainer.parentElement;
  return element?.closest('[lang]')?.getAttribute('lang') ?? '';
}

/**
 * The paragraph and the offset in it of a DOM point (where the reader clicked), or null when the
 * point is not in the article's text.
 */
export function paragraphAt(
  model: TextModel,
  paragraphs: readonly { start: number; end: number }[],
  node: Node,
  offset: number,
): { paragraph: number; offset: number } | null {
  if (!model.root.contains(node)) return null;
  const at = pointToTextOffset(model, node, offset);
  let low = 0;
  let high = paragraphs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const p = paragraphs[middle]!;
    if (at < p.start) high = middle - 1;
    else if (at >= p.end) low = middle + 1;
    else return { paragraph: middle, offset: at - p.start };
  }
  return null;
}

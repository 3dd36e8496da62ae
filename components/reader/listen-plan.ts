/**
 * What "Listen" reads: the article body cut into paragraphs (its blocks of text) and each
 * paragraph into sentences (Intl.Segmenter, in the paragraph's language). Sentences are offsets
 * into their paragraph's text, so the page's DOM is only read, never changed.
 */

export interface PlannedParagraph {
  /** The paragraph's text nodes in document order, each with where it starts in `text`. */
  nodes: { node: Text; start: number }[];
  text: string;
  /** BCP 47 tag: the nearest lang attribute, else the article's language. */
  lang: string;
  /** Index (in the plan's sentences) of this paragraph's first sentence. */
  firstSentence: number;
}

export interface PlannedSentence {
  paragraph: number;
  /** Offsets into the paragraph's text, whitespace trimmed. */
  start: number;
  end: number;
  /** What is spoken: the paragraph's text between start and end. */
  text: string;
  lang: string;
}

export interface ListenPlan {
  paragraphs: PlannedParagraph[];
  sentences: PlannedSentence[];
}

/** Elements that start a paragraph of their own; inline elements (a, em, span…) stay within one. */
const BLOCKS =
  'p, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, caption, td, th, div, section, article, aside, header, footer, figure, table, ul, ol, dl';

/** Text that a reader never hears: code listings are read, but these are not text at all. */
const SILENT = 'script, style, noscript, template, [hidden], [aria-hidden="true"]';

export function planListening(root: Element, fallbackLang: string): ListenPlan {
  const paragraphs: PlannedParagraph[] = [];
  const sentences: PlannedSentence[] = [];
  let block: Element | null = null;
  let current: Omit<PlannedParagraph, 'firstSentence'> | null = null;

  const finish = () => {
    if (!current) return;
    const index = paragraphs.length;
    const found = splitSentences(current.text, current.lang);
    if (found.length === 0) return; // whitespace between blocks
    paragraphs.push({ ...current, firstSentence: sentences.length });
    for (const [start, end] of found)
      sentences.push({
        paragraph: index,
        start,
        end,
        text: current.text.slice(start, end),
        lang: current.lang,
      });
  };

  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent || parent.closest(SILENT)) continue;
    const nearest = parent.closest(BLOCKS);
    const owner = nearest && root.contains(nearest) ? nearest : root;
    if (owner !== block || !current) {
      finish();
      block = owner;
      const lang = owner.closest('[lang]')?.getAttribute('lang') || fallbackLang;
      current = { nodes: [], text: '', lang };
    }
    current.nodes.push({ node, start: current.text.length });
    current.text += node.data;
  }
  finish();
  return { paragraphs, sentences };
}

/** Sentence boundaries in `text` as [start, end) pairs, surrounding whitespace left out. */
export function splitSentences(text: string, lang: string): [number, number][] {
  const out: [number, number][] = [];
  for (const { index, segment } of segmenterFor(lang).segment(text)) {
    const lead = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (trimmed) out.push([index + lead, index + lead + trimmed.length]);
  }
  return out;
}

function segmenterFor(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang, { granularity: 'sentence' });
  } catch {
    // A malformed lang attribute (pages declare anything): the default locale's rules.
    return new Intl.Segmenter(undefined, { granularity: 'sentence' });
  }
}

/** A DOM range over [start, end) of a paragraph's text. */
export function rangeIn(paragraph: PlannedParagraph, start: number, end: number): Range {
  const first = paragraph.nodes[0]!.node;
  const range = first.ownerDocument.createRange();
  const [startNode, startOffset] = locate(paragraph, start, false);
  const [endNode, endOffset] = locate(paragraph, end, true);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

/**
 * The text node and offset of a paragraph offset. At a boundary between two nodes a start belongs
 * to the next node and an end to the previous one, so a range never begins or ends on an empty edge.
 */
function locate(paragraph: PlannedParagraph, offset: number, isEnd: boolean): [Text, number] {
  const { nodes } = paragraph;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const { node, start } = nodes[i]!;
    if (isEnd ? start < offset : start <= offset) return [node, Math.min(offset - start, node.length)];
  }
  return [nodes[0]!.node, 0];
}

/**
 * The word the engine announced in a boundary event, as [start, end) in the sentence. Engines
 * that give no charLength (or 0) get the run of letters and digits starting at charIndex.
 */
export function wordAt(sentence: string, charIndex: number, charLength?: number): [number, number] | null {
  if (charIndex < 0 || charIndex >= sentence.length) return null;
  if (charLength && charLength > 0) return [charIndex, Math.min(sentence.length, charIndex + charLength)];
  const match = /^[\p{L}\p{N}\p{M}'’-]+/u.exec(sentence.slice(charIndex));
  return match ? [charIndex, charIndex + match[0].length] : null;
}

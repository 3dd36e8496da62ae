/**
 * What "Listen" reads: the article cut into paragraphs (its blocks of text) and each paragraph
 * into sentences (Intl.Segmenter, in the paragraph's language). Sentences are offsets into their
 * paragraph's text, and each paragraph knows how to turn its offsets into a DOM Range, so the
 * DOM is only read, never changed. The reader plans over its rendered article (planListening);
 * the live page over the extracted article's blocks found on the page (planParagraphs).
 */

/** A block of text to read, and the way back from its offsets to the DOM. */
export interface ParagraphSource {
  text: string;
  /** BCP 47 tag: the nearest lang attribute, else the article's language. */
  lang: string;
  /** A DOM range over [start, end) of `text`. */
  rangeOf(start: number, end: number): Range;
}

export interface PlannedParagraph extends ParagraphSource {
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

/** Cuts each paragraph into sentences; paragraphs with no text (whitespace between blocks) are dropped. */
export function planParagraphs(sources: readonly ParagraphSource[]): ListenPlan {
  const paragraphs: PlannedParagraph[] = [];
  const sentences: PlannedSentence[] = [];
  for (const source of sources) {
    const found = splitSentences(source.text, source.lang);
    if (found.length === 0) continue;
    const index = paragraphs.length;
    paragraphs.push({ ...source, firstSentence: sentences.length });
    for (const [start, end] of found)
      sentences.push({
        paragraph: index,
        start,
        end,
        text: source.text.slice(start, end),
        lang: source.lang,
      });
  }
  return { paragraphs, sentences };
}

/** Elements that start a paragraph of their own; inline elements (a, em, span…) stay within one. */
const BLOCKS =
  'p, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, caption, td, th, div, section, article, aside, header, footer, figure, table, ul, ol, dl';

/** Text that a reader never hears: code listings are read, but these are not text at all. */
const SILENT = 'script, style, noscript, template, [hidden], [aria-hidden="true"]';

export function planListening(root: Element, fallbackLang: string): ListenPlan {
  const sources: ParagraphSource[] = [];
  let block: Element | null = null;
  let current: { nodes: TextAt[]; text: string; lang: string } | null = null;
  const finish = () => {
    if (!current) return;
    const { nodes, text, lang } = current;
    sources.push({ text, lang, rangeOf: (start, end) => rangeOverNodes(nodes, start, end) });
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
  return planParagraphs(sources);
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
  return paragraph.rangeOf(start, end);
}

/** A text node of a paragraph, with where it starts in the paragraph's text. */
interface TextAt {
  node: Text;
  start: number;
}

function rangeOverNodes(nodes: readonly TextAt[], start: number, end: number): Range {
  const range = nodes[0]!.node.ownerDocument.createRange();
  const [startNode, startOffset] = locate(nodes, start, false);
  const [endNode, endOffset] = locate(nodes, end, true);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

/**
 * The text node and offset of a paragraph offset. At a boundary between two nodes a start belongs
 * to the next node and an end to the previous one, so a range never begins or ends on an empty edge.
 */
function locate(nodes: readonly TextAt[], offset: number, isEnd: boolean): [Text, number] {
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

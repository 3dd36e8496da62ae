import {
  type AnchorSelectors,
  buildTextModel,
  locate,
  rangeToTextOffsets,
  type TextModel,
  textOffsetsToRange,
} from '@/utils/annotation';
import { elementKind } from '@/utils/model';

/** A highlight in its paragraph: the text before it, the highlight itself, the text after. */
export interface HighlightContext {
  before: string;
  quote: string;
  after: string;
}

/** Context longer than this either side is cut at a word, with an ellipsis. */
const MAX_SIDE = 360;

/**
 * The paragraph around a highlight in the stored article (`root`: its parsed body), with the
 * anchoring room's text model, so the words are those the reader shows. A highlight over several
 * paragraphs gets all of them. Null when the highlight cannot be found in the text (an orphan).
 */
export function highlightContext(
  root: Node | TextModel,
  selectors: AnchorSelectors,
): HighlightContext | null {
  // Not `'text' in root`: a <body> has a `text` attribute (its old text colour).
  const model = 'nodeType' in root ? buildTextModel(root) : root;
  const span = locate(model, selectors);
  if (!span) return null;
  const range = textOffsetsToRange(model, span.start, span.end);
  const first = blockOf(range.startContainer, model.root);
  const last = blockOf(range.endContainer, model.root);
  const block = model.doc.createRange();
  block.setStartBefore(first === model.root ? firstChildOr(model.root) : first);
  block.setEndAfter(last === model.root ? lastChildOr(model.root) : last);
  const edges = rangeToTextOffsets(model, block) ?? { start: span.start, end: span.end };
  const start = Math.min(edges.start, span.start);
  const end = Math.max(edges.end, span.end);
  return {
    before: cutStart(model.text.slice(start, span.start)),
    quote: model.text.slice(span.start, span.end),
    after: cutEnd(model.text.slice(span.end, end)),
  };
}

/** The nearest block element holding `node` (the root itself when there is none below it). */
function blockOf(node: Node, root: Node): Node {
  for (let at: Node | null = node; at && at !== root; at = at.parentNode)
    if (at.nodeType === 1 && elementKind(at as Element) === 'block') return at;
  return root;
}

const firstChildOr = (node: Node) => node.firstChild ?? node;
const lastChildOr = (node: Node) => node.lastChild ?? node;

function cutStart(text: string): string {
  if (text.length <= MAX_SIDE) return text.trimStart();
  const cut = text.slice(-MAX_SIDE);
  const space = cut.indexOf(' ');
  return `…${space >= 0 ? cut.slice(space) : cut}`;
}

function cutEnd(text: string): string {
  if (text.length <= MAX_SIDE) return text.trimEnd();
  const cut = text.slice(0, MAX_SIDE);
  const space = cut.lastIndexOf(' ');
  return `${space > 0 ? cut.slice(0, space) : cut}…`;
}

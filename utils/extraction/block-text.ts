import { BLOCK_ELEMENTS, type ElementKind, elementKind, SKIPPED_ELEMENTS, walkText } from '@/utils/model';

/** Elements that start and end a line of text: the shared text walker's list (utils/model). */
export const BLOCKS = BLOCK_ELEMENTS;
/** Elements whose text a reader never sees: the shared text walker's list (utils/model). */
export const UNSEEN = SKIPPED_ELEMENTS;

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The text of `root` as lines, one per block: a caption, a credit or a byline is a line of its
 * own, never glued to the paragraph after it (`<figcaption>Photo: X</figcaption><p>Text` is
 * "Photo: X" then "Text"). Whitespace collapsed, empty lines dropped. Walked by the shared text
 * walker (`walkText`), so the lines break where annotation's text model puts its block edges;
 * elements in `skipped` (under `root`) are left out too. With `maxLines`, the walk stops once it
 * has that many (a byline's first line need not read the whole article below it).
 */
export function blockLines(
  root: Element,
  skipped: ReadonlySet<string> = NOTHING,
  maxLines = Number.POSITIVE_INFINITY,
): string[] {
  const lines: string[] = [];
  let line = '';
  const blockEdge = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const kindOf = (el: Element): ElementKind => (skipped.has(el.localName) ? 'skip' : elementKind(el));
  const done = () => lines.length >= maxLines;
  walkText(root, { text: (node) => (line += node.data), blockEdge, done }, kindOf);
  if (!done()) blockEdge();
  return lines;
}

/**
 * The text of `root` with a space wherever a block starts or ends, whitespace collapsed:
 * `<p>Step 5</p><p>Gently…` reads "Step 5 Gently…", where textContent would glue "5Gently".
 * It is `blockLines` joined by spaces: the form saved articles keep (highlights are anchored in
 * it), and the text annotation's model gives for the same element.
 */
export function blockText(root: Element): string {
  return blockLines(root).join(' ');
}

/** Pictures with their captions and credits. */
const PICTURES: ReadonlySet<string> = new Set(['figure', 'figcaption', 'picture']);

/**
 * The first `chars` characters of `root`'s text with pictures' captions and credits left out, an
 * ellipsis when cut: what a preview opens with. blockText keeps captions (highlights are anchored
 * in it), and a lead photo's caption would then open the article ("… Photo: Harbour Trust MERROW
 * BAY — The town council…").
 */
export function openingText(root: Element, chars: number): string {
  const lines = blockLines(root, PICTURES);
  // An article of pictures only opens with their captions after all.
  const text = (lines.length > 0 ? lines : blockLines(root)).join(' ');
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}

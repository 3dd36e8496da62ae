import { splitRangeByTextNode } from '@/utils/annotation';
import type { HighlightColor } from '@/utils/model';
import { adoptStyles } from './adopt-styles';
import { HIGHLIGHT_PAINT, highlightCss, opaqueHighlightNames } from './highlight-colors';

interface Painted {
  range: Range;
  color: HighlightColor;
  /** Wrapper elements, only on the fallback path. */
  marks: HTMLElement[];
}

/**
 * Paints highlights in a document. With the CSS Custom Highlight API the page's DOM is never
 * touched; where it is missing, text is wrapped in <readmark-mark> elements, a tag no page uses.
 * What a page script can still observe (docs/threat-model.md): CSS.highlights holds one entry
 * per colour in use, under a random name, with the Ranges of that colour's highlights; the
 * stylesheet gives each name its paint. Nothing names a highlight, a note or Readmark.
 */
export class HighlightPainter {
  private painted = new Map<string, Painted>();
  private readonly registry: HighlightRegistry | undefined;
  private readonly names = opaqueHighlightNames();
  private styled = false;

  constructor(
    private readonly doc: Document,
    private readonly root: Node = doc.body,
  ) {
    const win = doc.defaultView as (Window & typeof globalThis) | null;
    this.registry =
      win?.CSS?.highlights && typeof win.Highlight === 'function' ? win.CSS.highlights : undefined;
  }

  /** Paints (or repaints) one highlight. */
  paint(id: string, range: Range, color: HighlightColor) {
    // The paint rules go in with the first highlight, not at start: a new document-wide sheet makes the
    // browser restyle every element (seconds on a 100,000-element page), a cost only a page with highlights needs.
    if (!this.styled) {
      adoptStyles(this.doc, highlightCss(this.registry ? this.names : null));
      this.styled = true;
    }
    this.remove(id);
    const marks = this.registry ? [] : this.wrap(range, color);
    this.painted.set(id, { range, color, marks });
    this.refresh();
  }

  recolor(id: string, color: HighlightColor) {
    const entry = this.painted.get(id);
    if (entry) this.paint(id, entry.range, color);
  }

  remove(id: string) {
    const entry = this.painted.get(id);
    if (!entry) return;
    this.painted.delete(id);
    for (const mark of entry.marks) mark.replaceWith(...mark.childNodes);
    this.refresh();
  }

  clear() {
    for (const id of [...this.painted.keys()]) this.remove(id);
  }

  has(id: string) {
    return this.painted.has(id);
  }

  range(id: string): Range | undefined {
    return this.painted.get(id)?.range;
  }

  /** The id of the highlight under a viewport point, for clicks (custom highlights get no events). */
  hitTest(x: number, y: number): string | null {
    const doc = this.doc as Document & { caretRangeFromPoint?(x: number, y: number): Range | null };
    const caret = doc.caretPositionFromPoint?.(x, y);
    const node = caret ? caret.offsetNode : doc.caretRangeFromPoint?.(x, y)?.startContainer;
    const offset = caret ? caret.offset : (doc.caretRangeFromPoint?.(x, y)?.startOffset ?? 0);
    if (!node) return null;
    for (const [id, { range }] of this.painted) {
      try {
        if (range.isPointInRange(node, offset) && range.toString().length > 0) return id;
      } catch {
        // A point in another document or a detached node is simply not inside.
      }
    }
    return null;
  }

  private refresh() {
    if (!this.registry) return;
    const win = this.doc.defaultView as Window & typeof globalThis;
    const byColor = new Map<HighlightColor, Range[]>();
    for (const { range, color } of this.painted.values())
      byColor.set(color, [...(byColor.get(color) ?? []), range]);
    for (const color of Object.keys(HIGHLIGHT_PAINT) as HighlightColor[]) {
      const ranges = byColor.get(color);
      if (ranges?.length) this.registry.set(this.names[color], new win.Highlight(...ranges));
      else this.registry.delete(this.names[color]);
    }
  }

  private wrap(range: Range, color: HighlightColor): HTMLElement[] {
    return splitRangeByTextNode(this.root, range).map((slice) => {
      let node = slice.node;
      if (slice.end < node.length) node.splitText(slice.end);
      if (slice.start > 0) node = node.splitText(slice.start);
      const mark = this.doc.createElement('readmark-mark');
      mark.dataset.color = color;
      node.replaceWith(mark);
      mark.append(node);
      return mark;
    });
  }
}

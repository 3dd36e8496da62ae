import { type AnchorSelectors, anchorAll } from '@/utils/annotation';
import {
  type ColorNames,
  DEFAULT_COLOR_NAMES,
  type Highlight,
  type HighlightColor,
  type Result,
  type TextQuoteSelector,
} from '@/utils/model';
import { HighlightPainter } from '../shared/highlight-painter';

/**
 * What the annotation UI needs of a highlight. The reader holds whole records (`note`, typed in
 * its toolbar); a web page's content script holds PageHighlights (`hasNote`, never the text).
 */
export interface ShownHighlight {
  id: string;
  color: HighlightColor;
  quote: TextQuoteSelector;
  note?: string;
  hasNote?: boolean;
}

/** Whether a highlight has a note, from whichever of the two the set holds. */
export const hasNote = (highlight: ShownHighlight) => highlight.hasNote ?? !!highlight.note;

/**
 * The highlights shown over one root (the live page's body, or the reader's article): anchored,
 * painted, and kept in step with what the toolbar does. Subclasses say where highlights are
 * stored (messages to the background on a page, the database in the reader) and which selectors
 * find them in their root.
 */
export abstract class AnnotationSet<H extends ShownHighlight = Highlight> {
  highlights: H[] = [];
  colorNames: ColorNames = DEFAULT_COLOR_NAMES;
  readonly painter: HighlightPainter;
  private listeners = new Set<() => void>();
  private noticeListeners = new Set<(message: string) => void>();

  constructor(protected readonly root: HTMLElement) {
    this.painter = new HighlightPainter(root.ownerDocument, root);
  }

  abstract create(range: Range, color: HighlightColor, note: string): Promise<Result<H>>;
  abstract update(id: string, changes: { color?: HighlightColor; note?: string }): Promise<Result<H>>;
  abstract remove(id: string): Promise<Result<H>>;
  /** Undo of remove: puts the highlight back exactly as it was. */
  abstract restore(highlight: H): Promise<Result<H>>;
  /**
   * Where notes are written when not in the toolbar itself: on a web page they go to an
   * extension-origin editor (see PageAnnotations), so the page never holds the text field.
   */
  openNoteEditor?(id: string, at: { left: number; top: number }): Promise<Result<true>>;
  /** The selectors that find a highlight in this root. */
  protected abstract selectorsFor(highlight: H): AnchorSelectors;

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Errors from paths without a toolbar (context menu, shortcut) reach the reader through this. */
  onNotice(listener: (message: string) => void) {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  notify(message: string) {
    for (const listener of this.noticeListeners) listener(message);
  }

  isAnchored(id: string) {
    return this.painter.has(id);
  }

  /** Replaces the whole set and paints every highlight that can be found; the rest are orphans. */
  show(highlights: H[], colorNames: ColorNames) {
    this.highlights = highlights;
    this.colorNames = colorNames;
    this.painter.clear();
    // Anchoring walks all the root's text: a page with no highlights (most pages, and every one the
    // reader opens Readmark on for the first time) must not pay a whole-page walk at start.
    const spans = highlights.length
      ? anchorAll(
          this.root,
          highlights.map((h) => this.selectorsFor(h)),
        )
      : [];
    spans.forEach((span, index) => {
      const highlight = highlights[index]!;
      if (span) this.painter.paint(highlight.id, span.range, highlight.color);
    });
    this.emit();
  }

  /** Keeps the local state in step after a successful write. */
  protected track(result: Result<H>, change: 'added' | 'changed' | 'removed', range?: Range) {
    if (!result.ok) return result;
    const highlight = result.value;
    if (change === 'removed') {
      this.highlights = this.highlights.filter((h) => h.id !== highlight.id);
      this.painter.remove(highlight.id);
    } else {
      const others = this.highlights.filter((h) => h.id !== highlight.id);
      this.highlights =
        change === 'added'
          ? [...others, highlight]
          : this.highlights.map((h) => (h.id === highlight.id ? highlight : h));
      const painted = range ?? this.painter.range(highlight.id) ?? this.anchorOne(highlight);
      if (painted) this.painter.paint(highlight.id, painted, highlight.color);
    }
    this.emit();
    return result;
  }

  /** Unpaints everything and lets go of every listener: the set is not used again. */
  destroy() {
    this.painter.clear();
    this.highlights = [];
    this.listeners.clear();
    this.noticeListeners.clear();
  }

  private anchorOne(highlight: H): Range | undefined {
    return anchorAll(this.root, [this.selectorsFor(highlight)])[0]?.range;
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

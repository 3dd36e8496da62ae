import { anchorAll, describe } from '@/utils/annotation';
import { type PageCapture, sendToBackground } from '@/utils/messaging';
import {
  type ColorNames,
  DEFAULT_COLOR_NAMES,
  err,
  type Highlight,
  type HighlightColor,
  type Result,
} from '@/utils/model';
import { HighlightPainter } from '../shared/highlight-painter';

/**
 * The live page's highlights: fetched from the background, anchored in the page's text, painted,
 * and changed through messages (this runs in the page's origin: no database here).
 * Notes stay in this object and the toolbar's closed shadow root, never in the page's DOM.
 */
export class PageAnnotations {
  articleId: string | null = null;
  highlights: Highlight[] = [];
  colorNames: ColorNames = DEFAULT_COLOR_NAMES;
  readonly painter: HighlightPainter;
  private listeners = new Set<() => void>();
  private noticeListeners = new Set<(message: string) => void>();

  constructor(private readonly doc: Document) {
    this.painter = new HighlightPainter(doc);
  }

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

  /** Fetches this page's highlights and paints every one that can be found; the rest are orphans. */
  async load(): Promise<Result<void>> {
    const answer = await sendToBackground('pageHighlights', { canonicalUrl: this.canonicalUrl() });
    if (!answer.ok) return answer;
    this.articleId = answer.value.article?.id ?? null;
    this.highlights = answer.value.highlights;
    this.colorNames = answer.value.colorNames;
    this.repaintAll();
    return { ok: true, value: undefined };
  }

  isAnchored(id: string) {
    return this.painter.has(id);
  }

  /** Saves a highlight for `range` (saving the article first when the page is not saved yet). */
  async create(range: Range, color: HighlightColor, note: string): Promise<Result<Highlight>> {
    const page = describe(this.doc.body, range);
    if (!page) return err('Select some text of the article first.');
    const answer = await sendToBackground('createHighlight', {
      canonicalUrl: this.canonicalUrl(),
      page,
      color,
      note,
      capture: this.articleId ? undefined : this.capture(),
    });
    if (answer.ok) {
      this.articleId = answer.value.articleId;
      this.highlights = [...this.highlights, answer.value];
      this.painter.paint(answer.value.id, range.cloneRange(), color);
      this.emit();
    }
    return answer;
  }

  async update(id: string, changes: { color?: HighlightColor; note?: string }): Promise<Result<Highlight>> {
    const answer = await sendToBackground('updateHighlight', { id, ...changes });
    if (answer.ok) {
      this.replace(answer.value);
      if (changes.color) this.painter.recolor(id, changes.color);
    }
    return answer;
  }

  async remove(id: string): Promise<Result<Highlight>> {
    const answer = await sendToBackground('deleteHighlight', { id });
    if (answer.ok) {
      this.highlights = this.highlights.filter((h) => h.id !== id);
      this.painter.remove(id);
      this.emit();
    }
    return answer;
  }

  /** Undo of remove: puts the highlight back exactly as it was. */
  async restore(highlight: Highlight): Promise<Result<Highlight>> {
    const answer = await sendToBackground('restoreHighlight', { highlight });
    if (answer.ok) {
      this.highlights = [...this.highlights, answer.value];
      this.repaintAll();
    }
    return answer;
  }

  /** Re-attaches an orphan to a new selection on this page (its place in the saved article is kept). */
  async reattach(id: string, range: Range): Promise<Result<Highlight>> {
    const page = describe(this.doc.body, range);
    if (!page) return err('Select the passage to attach the highlight to first.');
    const answer = await sendToBackground('updateHighlight', { id, page });
    if (answer.ok) {
      this.replace(answer.value);
      this.painter.paint(id, range.cloneRange(), answer.value.color);
    }
    return answer;
  }

  repaintAll() {
    this.painter.clear();
    // On the page, its own selectors (where it was made or re-attached) are the best guide; the
    // article's quote, without its article-text position, is the fallback.
    const spans = anchorAll(
      this.doc.body,
      this.highlights.map((h) => h.page ?? { quote: h.quote }),
    );
    spans.forEach((span, index) => {
      const highlight = this.highlights[index]!;
      if (span) this.painter.paint(highlight.id, span.range, highlight.color);
    });
    this.emit();
  }

  private replace(next: Highlight) {
    this.highlights = this.highlights.map((h) => (h.id === next.id ? next : h));
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  private canonicalUrl(): string | null {
    return this.doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? null;
  }

  private capture(): PageCapture {
    return { url: this.doc.location.href, title: this.doc.title, html: this.doc.documentElement.outerHTML };
  }
}

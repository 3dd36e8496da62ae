import { type AnchorSelectors, describe, locateInText } from '@/utils/annotation';
import { err, type Highlight, type HighlightColor, type Result } from '@/utils/model';
import { deleteHighlight, putHighlight, type ReadmarkDb, updateHighlight } from '@/utils/storage';
import { AnnotationSet } from '../toolbar';

/**
 * The reader's highlights over the stored copy, written straight to the database (the reader is
 * an extension page). Anchoring here is exact: this is the text the highlights were made on.
 */
export class ReaderAnnotations extends AnnotationSet {
  constructor(
    root: HTMLElement,
    private readonly db: ReadmarkDb,
    private readonly articleId: string,
    /** The saved textContent: positions are stored in it, as for highlights made on the page. */
    private readonly articleText: string,
  ) {
    super(root);
  }

  async create(range: Range, color: HighlightColor, note: string): Promise<Result<Highlight>> {
    const described = describe(this.root, range);
    if (!described) return err('select-text-first');
    const inText = locateInText(this.articleText, { quote: described.quote });
    const now = Date.now();
    const highlight: Highlight = {
      id: crypto.randomUUID(),
      articleId: this.articleId,
      color,
      note,
      quote: described.quote,
      position: inText
        ? { type: 'TextPositionSelector', start: inText.start, end: inText.end }
        : described.position,
      createdAt: now,
      updatedAt: now,
    };
    return this.track(await putHighlight(this.db, highlight), 'added', range.cloneRange());
  }

  async update(id: string, changes: { color?: HighlightColor; note?: string }) {
    return this.track(await updateHighlight(this.db, id, changes), 'changed');
  }

  async remove(id: string) {
    return this.track(await deleteHighlight(this.db, id), 'removed');
  }

  async restore(highlight: Highlight) {
    return this.track(await putHighlight(this.db, highlight), 'added');
  }

  protected selectorsFor(highlight: Highlight): AnchorSelectors {
    return { quote: highlight.quote, position: highlight.position };
  }
}

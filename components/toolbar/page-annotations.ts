import { type AnchorSelectors, describe } from '@/utils/annotation';
import { type PageHighlight, sendNoteMessage, sendToBackground } from '@/utils/messaging';
import { err, type HighlightColor, ok, type Result, randomUuid } from '@/utils/model';
import { AnnotationSet } from './annotation-set';
import { capturePage } from './serialise-page';

/**
 * How long the reader waits for a new highlight before being told it failed: saving an unsaved
 * page first may take the extraction watchdog's 10 s and its pictures; no answer at all means the
 * background was stopped mid-request.
 */
const CREATE_TIMEOUT_MS = 30_000;

/**
 * The live page's highlights. This runs in the page's origin: every read and write is a message
 * to the background, never the database. Notes are typed in Readmark's own note editor window
 * (openNoteEditor), never in the page, and the background sends this object highlights without
 * their note text (PageHighlight: only whether there is a note).
 */
export class PageAnnotations extends AnnotationSet<PageHighlight> {
  articleId: string | null = null;
  /** Counts page changes: an answer for a page the tab has left since is not painted. */
  private pageVersion = 0;

  constructor(private readonly doc: Document) {
    super(doc.body);
  }

  /** The load in flight, or the last one: status() answers only after it. */
  private loading: Promise<unknown> = Promise.resolve();

  /** Fetches this page's highlights from the background and paints them. */
  load(): Promise<Result<void>> {
    const loading = this.fetchAndShow();
    this.loading = loading.catch(() => undefined);
    return loading;
  }

  /**
   * Which of this page's highlights are painted, once the load in flight has ended. Asked while
   * the page script has just been injected and its first load is still waiting for the background
   * (a stopped worker takes a moment to start), the list would be empty and the popup would show
   * every highlight as no longer found on the page.
   */
  async status(): Promise<{ id: string; anchored: boolean }[]> {
    await this.loading;
    return this.highlights.map((h) => ({ id: h.id, anchored: this.isAnchored(h.id) }));
  }

  private async fetchAndShow(): Promise<Result<void>> {
    const version = this.pageVersion;
    const answer = await sendToBackground('pageHighlights', { canonicalUrl: this.canonicalUrl() });
    if (version !== this.pageVersion) return ok(undefined);
    if (!answer.ok) return answer;
    this.articleId = answer.value.article?.id ?? null;
    this.show(answer.value.highlights, answer.value.colorNames);
    return ok(undefined);
  }

  /**
   * The tab moved to another address without reloading (a single-page site): the highlights
   * shown belong to the page it left. The page is the tab's URL, so load() then fetches the new one's.
   */
  leavePage() {
    this.pageVersion++;
    this.articleId = null;
    this.show([], this.colorNames);
  }

  override destroy() {
    this.pageVersion++;
    super.destroy();
  }

  /** Saves a highlight for `range`, saving the article first when the page is not saved yet. */
  async create(range: Range, color: HighlightColor, note: string): Promise<Result<PageHighlight>> {
    const page = describe(this.doc.body, range);
    if (!page) return err('select-text-first');
    const request = {
      id: randomUuid(),
      canonicalUrl: this.canonicalUrl(),
      page,
      color,
      note,
      capture: this.articleId ? undefined : await capturePage(this.doc),
    };
    const send = () => sendToBackground('createHighlight', request, { timeoutMs: CREATE_TIMEOUT_MS });
    let answer = await send();
    // The worker was stopped mid-request (Chrome stops idle service workers; an update restarts
    // it): send the same request once more. It carries the highlight's id, so if the first one was
    // stored the background answers with that record instead of storing a second.
    if (!answer.ok && answer.error.code === 'background-no-answer') answer = await send();
    if (answer.ok) this.articleId = answer.value.articleId;
    return this.track(answer, 'added', range.cloneRange());
  }

  async update(id: string, changes: { color?: HighlightColor; note?: string }) {
    return this.track(await sendToBackground('updateHighlight', { id, ...changes }), 'changed');
  }

  async remove(id: string) {
    return this.track(await sendToBackground('deleteHighlight', { id }), 'removed');
  }

  /** The background puts back the record it deleted: the note, which this page never held, with it. */
  async restore(highlight: PageHighlight) {
    return this.track(await sendToBackground('undoDelete', { id: highlight.id }), 'added');
  }

  /** Re-attaches an orphan to a new selection on this page (its place in the saved article is kept). */
  async reattach(id: string, range: Range): Promise<Result<PageHighlight>> {
    const page = describe(this.doc.body, range);
    if (!page) return err('select-passage-first');
    return this.track(await sendToBackground('updateHighlight', { id, page }), 'changed', range.cloneRange());
  }

  /** Opens the note editor for a highlight; the background answers noteDone when it closes. */
  async openNoteEditor(id: string, at: { left: number; top: number }): Promise<Result<true>> {
    return sendNoteMessage('noteOpen', { highlightId: id, at });
  }

  /** The note editor closed: a saved note updates the highlight here too. */
  noteDone(highlight: PageHighlight | null) {
    if (highlight) this.track(ok(highlight), 'changed');
  }

  /**
   * On the page, its own selectors (where it was made or re-attached) are the best guide; the
   * article's quote, without its article-text position, is the fallback.
   */
  protected selectorsFor(highlight: PageHighlight): AnchorSelectors {
    return highlight.page ?? { quote: highlight.quote };
  }

  private canonicalUrl(): string | null {
    return declaredCanonical(this.doc);
  }
}

/** The address the page declares for itself: page data, heard by the background only within the tab's origin. */
export function declaredCanonical(doc: Document): string | null {
  return doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? null;
}

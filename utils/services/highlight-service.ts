import { locateInText, selectorsAt } from '@/utils/annotation';
import {
  type BackgroundAnswers,
  bindCaptureToTab,
  type PageHighlight,
  type SenderInfo,
  type SenderKind,
  type ToBackground,
} from '@/utils/messaging';
import { type ArticleMeta, err, type Highlight, ok, type Result, sameOrigin } from '@/utils/model';
import {
  addHighlightOnce,
  deleteHighlight,
  findArticleForPage,
  getArticle,
  getArticleMeta,
  getHighlight,
  listHighlights,
  type ReadmarkDb,
  restoreHighlight,
  saveArticle,
  updateHighlight,
} from '@/utils/storage';
import { readColorNames } from './color-names';
import { extractPage } from './extract-page';

type Answer<K extends keyof BackgroundAnswers> = Promise<Result<BackgroundAnswers[K]>>;

/**
 * The page a content script runs in: its tab's address as the browser reports it, never what the
 * page declares. Null when the browser does not tell it.
 */
function senderPage(sender: SenderInfo): string | null {
  return sender.tab?.url ?? null;
}

async function articleOfSender(db: ReadmarkDb, sender: SenderInfo, declared: string | null) {
  const page = senderPage(sender);
  return page ? findArticleForPage(db, page, declared) : undefined;
}

/**
 * Extension pages may touch any article's highlights; a content script only those of an article
 * saved from its tab's origin (the boundary within which a page may name its article, see
 * articleKey).
 */
export async function mayTouch(
  db: ReadmarkDb,
  sender: SenderInfo,
  kind: SenderKind,
  articleId: string,
): Promise<boolean> {
  const meta = await getArticleMeta(db, articleId);
  if (!meta) return false;
  if (kind === 'extension') return true;
  const page = senderPage(sender);
  return !!page && sameOrigin(meta.url, page) && sameOrigin(meta.canonicalUrl, page);
}

/**
 * What a web page's content script gets of a highlight: no note text, only whether there is one
 * (issue 12; the note editor window shows and edits notes). Nor the article-text position or the
 * dates, which the in-page UI does not use.
 */
export function forPage(highlight: Highlight): PageHighlight {
  const { id, articleId, color, quote, page, note } = highlight;
  return { id, articleId, color, quote, ...(page && { page }), hasNote: note !== '' };
}

/** A write's answer for its sender: extension pages get the whole record, content scripts forPage. */
function answerFor(kind: SenderKind, result: Result<Highlight>): Result<PageHighlight> {
  if (!result.ok) return result;
  return ok(
    kind === 'extension' ? { ...result.value, hasNote: result.value.note !== '' } : forPage(result.value),
  );
}

/** How long a content script's delete can be undone (its toast shows for 8 s). */
const UNDO_MS = 10 * 60_000;

/** Handlers for the highlight messages that content scripts and extension pages send to the background. */
export function highlightHandlers(db: ReadmarkDb, now = () => Date.now()) {
  /**
   * Records deleted by content scripts, kept in the service worker's memory for their undo: the
   * content script never held the note, so the record is put back from here. Lost if the worker
   * stops; the undo then says so.
   */
  const deleted = new Map<string, { highlight: Highlight; expires: number }>();
  const remember = (highlight: Highlight) => {
    for (const [id, entry] of deleted) if (entry.expires < now()) deleted.delete(id);
    deleted.set(highlight.id, { highlight, expires: now() + UNDO_MS });
  };

  return {
    async pageHighlights(
      { canonicalUrl }: ToBackground['pageHighlights'],
      sender: SenderInfo,
    ): Answer<'pageHighlights'> {
      const article = await articleOfSender(db, sender, canonicalUrl);
      const colorNames = await readColorNames(db);
      if (!article) return ok({ article: null, highlights: [], colorNames });
      return ok({
        article: { id: article.id, title: article.title },
        highlights: (await listHighlights(db, article.id)).map(forPage),
        colorNames,
      });
    },

    async createHighlight(
      payload: ToBackground['createHighlight'],
      sender: SenderInfo,
    ): Answer<'createHighlight'> {
      let meta = await articleOfSender(db, sender, payload.canonicalUrl);
      if (!meta) {
        const saved = await saveFromCapture(db, payload, sender);
        if (!saved.ok) return saved;
        meta = saved.value;
      }
      const stored = await getArticle(db, meta.id);
      if (!stored) return err('highlight-article-removed');
      // Where the quote sits in the saved article's text: what the reader view anchors on.
      // The page position means nothing in the article text: place by quote and context alone,
      // and by the quote alone when the page's context is page furniture (a quote at the
      // article's first or last words has menus or comments beside it on the page).
      const text = stored.content.textContent;
      const { quote } = payload.page;
      const match =
        locateInText(text, { quote }) ?? locateInText(text, { quote: { ...quote, prefix: '', suffix: '' } });
      if (!match) {
        return err('passage-not-in-article');
      }
      const now = Date.now();
      const highlight: Highlight = {
        id: payload.id,
        articleId: meta.id,
        color: payload.color,
        note: payload.note,
        ...selectorsAt(text, match),
        page: payload.page,
        createdAt: now,
        updatedAt: now,
      };
      return answerFor('page', await addHighlightOnce(db, highlight));
    },

    async updateHighlight(
      payload: ToBackground['updateHighlight'],
      sender: SenderInfo,
      kind: SenderKind,
    ): Answer<'updateHighlight'> {
      const current = await getHighlight(db, payload.id);
      if (!current || !(await mayTouch(db, sender, kind, current.articleId))) return err('highlight-gone');
      const { id, ...changes } = payload;
      return answerFor(kind, await updateHighlight(db, id, changes));
    },

    async deleteHighlight(
      { id }: ToBackground['deleteHighlight'],
      sender: SenderInfo,
      kind: SenderKind,
    ): Answer<'deleteHighlight'> {
      const current = await getHighlight(db, id);
      if (!current || !(await mayTouch(db, sender, kind, current.articleId))) return err('highlight-gone');
      const removed = await deleteHighlight(db, id);
      if (removed.ok && kind === 'page') remember(removed.value);
      return answerFor(kind, removed);
    },

    async restoreHighlight(
      { highlight }: ToBackground['restoreHighlight'],
      sender: SenderInfo,
      kind: SenderKind,
    ): Answer<'restoreHighlight'> {
      if (!(await mayTouch(db, sender, kind, highlight.articleId))) return err('highlight-other-page');
      return answerFor(kind, await restoreHighlight(db, highlight));
    },

    async undoDelete({ id }: ToBackground['undoDelete'], sender: SenderInfo): Answer<'undoDelete'> {
      const entry = deleted.get(id);
      if (!entry || entry.expires < now()) return err('highlight-undo-expired');
      if (!(await mayTouch(db, sender, 'page', entry.highlight.articleId)))
        return err('highlight-other-page');
      const restored = await restoreHighlight(db, entry.highlight);
      if (restored.ok) deleted.delete(id);
      return answerFor('page', restored);
    },
  };
}

/** Highlighting a page that is not saved yet saves it first (one record per canonical URL). */
async function saveFromCapture(
  db: ReadmarkDb,
  payload: ToBackground['createHighlight'],
  sender: SenderInfo,
): Promise<Result<ArticleMeta>> {
  if (!payload.capture) return err('page-not-saved');
  const capture = bindCaptureToTab(payload.capture, senderPage(sender) ?? undefined);
  if (!capture.ok) return capture;
  const extracted = await extractPage(capture.value);
  if (!extracted.ok) return extracted;
  return saveArticle(db, extracted.value);
}

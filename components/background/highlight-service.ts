import { locateInText, selectorsAt } from '@/utils/annotation';
import {
  type BackgroundAnswers,
  bindCaptureToTab,
  type SenderInfo,
  type SenderKind,
  type ToBackground,
} from '@/utils/messaging';
import { type ArticleMeta, err, type Highlight, ok, type Result, sameOrigin } from '@/utils/model';
import {
  deleteHighlight,
  findArticleForPage,
  getArticle,
  listHighlights,
  putHighlight,
  type ReadmarkDb,
  restoreHighlight,
  saveArticle,
  updateHighlight,
} from '@/utils/storage';
import { readColorNames } from '../shared/color-names';
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
  const meta = await db.articles.get(articleId);
  if (!meta) return false;
  if (kind === 'extension') return true;
  const page = senderPage(sender);
  return !!page && sameOrigin(meta.url, page) && sameOrigin(meta.canonicalUrl, page);
}

/** Handlers for the highlight messages that content scripts and extension pages send to the background. */
export function highlightHandlers(db: ReadmarkDb) {
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
        highlights: await listHighlights(db, article.id),
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
        if (!saved.ok) return err(saved.error);
        meta = saved.value;
      }
      const stored = await getArticle(db, meta.id);
      if (!stored) return err('The article was removed while the highlight was being saved.');
      // Where the quote sits in the saved article's text: what the reader view anchors on.
      // The page position means nothing in the article text: place by quote and context alone,
      // and by the quote alone when the page's context is page furniture (a quote at the
      // article's first or last words has menus or comments beside it on the page).
      const text = stored.content.textContent;
      const { quote } = payload.page;
      const match =
        locateInText(text, { quote }) ?? locateInText(text, { quote: { ...quote, prefix: '', suffix: '' } });
      if (!match) {
        return err(
          'This passage is not part of the article Readmark saved from this page (it may be a menu, a comment or an advert), so it cannot be highlighted.',
        );
      }
      const now = Date.now();
      const highlight: Highlight = {
        id: crypto.randomUUID(),
        articleId: meta.id,
        color: payload.color,
        note: payload.note,
        ...selectorsAt(text, match),
        page: payload.page,
        createdAt: now,
        updatedAt: now,
      };
      return putHighlight(db, highlight);
    },

    async updateHighlight(
      payload: ToBackground['updateHighlight'],
      sender: SenderInfo,
      kind: SenderKind,
    ): Answer<'updateHighlight'> {
      const current = await db.highlights.get(payload.id);
      if (!current || !(await mayTouch(db, sender, kind, current.articleId)))
        return err('This highlight no longer exists.');
      const { id, ...changes } = payload;
      return updateHighlight(db, id, changes);
    },

    async deleteHighlight(
      { id }: ToBackground['deleteHighlight'],
      sender: SenderInfo,
      kind: SenderKind,
    ): Answer<'deleteHighlight'> {
      const current = await db.highlights.get(id);
      if (!current || !(await mayTouch(db, sender, kind, current.articleId)))
        return err('This highlight no longer exists.');
      return deleteHighlight(db, id);
    },

    async restoreHighlight(
      { highlight }: ToBackground['restoreHighlight'],
      sender: SenderInfo,
      kind: SenderKind,
    ): Answer<'restoreHighlight'> {
      if (!(await mayTouch(db, sender, kind, highlight.articleId)))
        return err('This highlight belongs to another page.');
      return restoreHighlight(db, highlight);
    },
  };
}

/** Highlighting a page that is not saved yet saves it first (one record per canonical URL). */
async function saveFromCapture(
  db: ReadmarkDb,
  payload: ToBackground['createHighlight'],
  sender: SenderInfo,
): Promise<Result<ArticleMeta>> {
  if (!payload.capture) return err('This page is not saved yet; Readmark needs the page to save it first.');
  const capture = bindCaptureToTab(payload.capture, senderPage(sender) ?? undefined);
  if (!capture.ok) return capture;
  const extracted = await extractPage(capture.value);
  if (!extracted.ok) return extracted;
  return saveArticle(db, extracted.value);
}

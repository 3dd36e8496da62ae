import { locateInText } from '@/utils/annotation';
import type { BackgroundAnswers, SenderInfo, ToBackground } from '@/utils/messaging';
import { type ArticleMeta, err, type Highlight, normaliseUrl, ok, type Result } from '@/utils/model';
import {
  deleteHighlight,
  findArticleForPage,
  getArticle,
  listHighlights,
  putHighlight,
  type ReadmarkDb,
  saveArticle,
  updateHighlight,
} from '@/utils/storage';
import { readColorNames } from '../shared/color-names';
import { extractPage } from './extract-page';

type Answer<K extends keyof BackgroundAnswers> = Promise<Result<BackgroundAnswers[K]>>;

/** The page a content script runs in, as the browser reports it (never as the page claims). */
function senderPage(sender: SenderInfo): string | null {
  return sender.url ? normaliseUrl(sender.url) : null;
}

async function articleOfSender(db: ReadmarkDb, sender: SenderInfo, canonicalUrl: string | null) {
  const page = senderPage(sender);
  if (!page) return undefined;
  return findArticleForPage(db, page, canonicalUrl ? normaliseUrl(canonicalUrl) : null);
}

/**
 * A content script may only touch highlights of the article saved from its own page; extension
 * pages may touch any.
 */
async function mayTouch(db: ReadmarkDb, sender: SenderInfo, articleId: string): Promise<boolean> {
  if (!sender.tab) return true;
  const meta = await db.articles.get(articleId);
  const page = senderPage(sender);
  return !!meta && !!page && (meta.canonicalUrl === page || normaliseUrl(meta.url) === page);
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
        quote: {
          type: 'TextQuoteSelector',
          exact: text.slice(match.start, match.end),
          prefix: text.slice(Math.max(0, match.start - 32), match.start),
          suffix: text.slice(match.end, match.end + 32),
        },
        position: { type: 'TextPositionSelector', start: match.start, end: match.end },
        page: payload.page,
        createdAt: now,
        updatedAt: now,
      };
      return putHighlight(db, highlight);
    },

    async updateHighlight(
      payload: ToBackground['updateHighlight'],
      sender: SenderInfo,
    ): Answer<'updateHighlight'> {
      const current = await db.highlights.get(payload.id);
      if (!current || !(await mayTouch(db, sender, current.articleId)))
        return err('This highlight no longer exists.');
      const { id, ...changes } = payload;
      return updateHighlight(db, id, changes);
    },

    async deleteHighlight(
      { id }: ToBackground['deleteHighlight'],
      sender: SenderInfo,
    ): Answer<'deleteHighlight'> {
      const current = await db.highlights.get(id);
      if (!current || !(await mayTouch(db, sender, current.articleId)))
        return err('This highlight no longer exists.');
      return deleteHighlight(db, id);
    },

    async restoreHighlight(
      { highlight }: ToBackground['restoreHighlight'],
      sender: SenderInfo,
    ): Answer<'restoreHighlight'> {
      if (!(await mayTouch(db, sender, highlight.articleId)))
        return err('This highlight belongs to another page.');
      return putHighlight(db, highlight);
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
  const page = senderPage(sender);
  if (!page || normaliseUrl(payload.capture.url) !== page)
    return err('The captured page is not the page that sent it.');
  const extracted = await extractPage(payload.capture);
  if (!extracted.ok) return extracted;
  return saveArticle(db, extracted.value);
}

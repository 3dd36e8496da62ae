import {
  type BackgroundAnswers,
  bindCaptureToTab,
  type SenderInfo,
  type ToBackground,
} from '@/utils/messaging';
import {
  err,
  LISTEN_POSITIONS_KEY,
  listenPreferences,
  normaliseUrl,
  ok,
  parsePositions,
  READER_SETTINGS_KEY,
  type Result,
  withPosition,
} from '@/utils/model';
import { findArticleForPage, getArticle, getSetting, type ReadmarkDb, updateSetting } from '@/utils/storage';
import { extractPage } from './extract-page';

type Answer<K extends keyof BackgroundAnswers> = Promise<Result<BackgroundAnswers[K]>>;

/**
 * Listen on a live page (issue 18): the content script reads the extracted article, never the
 * page's menus, and the background remembers where it stopped. Positions are kept with the
 * reader's (one settings record): a saved article resumes at the same sentence in the reader and
 * on the page; an unsaved page is remembered by its tab's address. Both keys come from what the
 * browser says of the sender (its tab's URL), never from the page.
 */
export function listenHandlers(db: ReadmarkDb) {
  /** The saved article of the sender's page, if any, and the key its position is kept under. */
  async function placeOf(sender: SenderInfo, declared: string | null) {
    const tabUrl = sender.tab?.url;
    const page = tabUrl ? normaliseUrl(tabUrl) : null;
    if (!tabUrl || !page) return null;
    const meta = await findArticleForPage(db, tabUrl, declared);
    return { meta, key: meta ? meta.id : `page:${page}` };
  }

  return {
    async listenArticle(payload: ToBackground['listenArticle'], sender: SenderInfo): Answer<'listenArticle'> {
      const place = await placeOf(sender, payload.canonicalUrl);
      if (!place) return err('tab-url-unknown');
      const positions = parsePositions(await getSetting<unknown>(db, LISTEN_POSITIONS_KEY, null));
      const saved = positions[place.key];
      const position = saved ? { sentence: saved.sentence, text: saved.text } : null;
      const preferences = listenPreferences(await getSetting<unknown>(db, READER_SETTINGS_KEY, null));
      if (place.meta) {
        const stored = await getArticle(db, place.meta.id);
        if (stored && !place.meta.notDownloaded)
          return ok({
            article: { contentHtml: stored.content.contentHtml, lang: place.meta.lang },
            position,
            preferences,
          });
      }
      if (!payload.capture) return ok({ article: null, position, preferences });
      const capture = bindCaptureToTab(payload.capture, sender.tab?.url);
      if (!capture.ok) return capture;
      const extracted = await extractPage(capture.value);
      if (!extracted.ok) return extracted;
      const { contentHtml, lang } = extracted.value;
      return ok({ article: { contentHtml, lang }, position, preferences });
    },

    async listenPosition(
      payload: ToBackground['listenPosition'],
      sender: SenderInfo,
    ): Answer<'listenPosition'> {
      const place = await placeOf(sender, payload.canonicalUrl);
      if (!place) return err('tab-url-unknown');
      const next = payload.position && { ...payload.position, at: Date.now() };
      await updateSetting(db, LISTEN_POSITIONS_KEY, (stored) =>
        withPosition(parsePositions(stored), place.key, next),
      );
      return ok(true as const);
    },
  };
}

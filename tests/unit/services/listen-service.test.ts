import { beforeEach, describe, expect, test } from 'vitest';
import type { SenderInfo } from '@/utils/messaging';
import { LISTEN_POSITIONS_KEY, READER_SETTINGS_KEY } from '@/utils/model';
import { listenHandlers } from '@/utils/services';
import { getSetting, openDb, type ReadmarkDb, saveArticle, setSetting } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

let db: ReadmarkDb;
let handlers: ReturnType<typeof listenHandlers>;
let articleId: string;
let pageUrl: string;
const sender = (url: string): SenderInfo => ({ id: 'x', url, tab: { id: 1, url } });

beforeEach(async () => {
  db = openDb(`listen-${crypto.randomUUID()}`);
  handlers = listenHandlers(db);
  const extracted = makeExtracted({ contentHtml: '<p>One. Two.</p>', lang: 'en' });
  pageUrl = extracted.url;
  const saved = await saveArticle(db, extracted);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  articleId = saved.value.id;
});

describe('background Listen handlers', () => {
  test("a saved page's article and position, kept under the article's id (shared with the reader)", async () => {
    const first = await handlers.listenArticle({ canonicalUrl: null }, sender(pageUrl));
    expect(first).toMatchObject({ ok: true, value: { article: { lang: 'en' }, position: null } });
    if (!first.ok || !first.value.article) throw new Error('no article');
    expect(first.value.article.contentHtml).toContain('One. Two.');

    const place = { sentence: 4, text: 'Two.' };
    expect(await handlers.listenPosition({ canonicalUrl: null, position: place }, sender(pageUrl))).toEqual({
      ok: true,
      value: true,
    });
    const stored = await getSetting<Record<string, unknown>>(db, LISTEN_POSITIONS_KEY, {});
    expect(stored[articleId]).toMatchObject(place);
    expect(await handlers.listenArticle({ canonicalUrl: null }, sender(pageUrl))).toMatchObject({
      ok: true,
      value: { position: place },
    });
  });

  test('an unsaved page gets no article without a capture, and its position is kept by its own address', async () => {
    const other = 'https://elsewhere.example/story?id=3#part';
    expect(await handlers.listenArticle({ canonicalUrl: pageUrl }, sender(other))).toEqual({
      ok: true,
      value: { article: null, position: null, preferences: { rate: 1, voices: {} } },
    });
    await handlers.listenPosition(
      { canonicalUrl: null, position: { sentence: 2, text: 'Hi.' } },
      sender(other),
    );
    const stored = await getSetting<Record<string, unknown>>(db, LISTEN_POSITIONS_KEY, {});
    expect(Object.keys(stored)).toEqual(['page:https://elsewhere.example/story?id=3']);
  });

  test('the live page speaks with the speed and voices chosen in the reader (invalid values fall back)', async () => {
    await setSetting(db, READER_SETTINGS_KEY, {
      speechRate: 1.5,
      voices: { en: 'fake:en-gb', 'not a tag': 'x' },
    });
    expect(await handlers.listenArticle({ canonicalUrl: null }, sender(pageUrl))).toMatchObject({
      ok: true,
      value: { preferences: { rate: 1.5, voices: { en: 'fake:en-gb' } } },
    });
    await setSetting(db, READER_SETTINGS_KEY, { speechRate: 40, voices: 'fake' });
    expect(await handlers.listenArticle({ canonicalUrl: null }, sender(pageUrl))).toMatchObject({
      ok: true,
      value: { preferences: { rate: 2, voices: {} } },
    });
  });

  test('positions written at the same moment from several pages all survive (no lost update)', async () => {
    const pages = Array.from({ length: 8 }, (_, i) => `https://elsewhere.example/story-${i}`);
    await Promise.all(
      pages.map((url, i) =>
        handlers.listenPosition(
          { canonicalUrl: null, position: { sentence: i + 1, text: `S${i}` } },
          sender(url),
        ),
      ),
    );
    const stored = await getSetting<Record<string, { sentence: number }>>(db, LISTEN_POSITIONS_KEY, {});
    expect(pages.map((url) => stored[`page:${url}`]?.sentence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('a sender whose tab address the browser does not tell is refused', async () => {
    const noTab: SenderInfo = { id: 'x', url: pageUrl };
    expect(await handlers.listenArticle({ canonicalUrl: null }, noTab)).toEqual({
      ok: false,
      error: { code: 'tab-url-unknown' },
    });
  });
});

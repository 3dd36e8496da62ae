import { beforeEach, describe, expect, test } from 'vitest';
import { highlightHandlers } from '@/components/background';
import type { SenderInfo } from '@/utils/messaging';
import { openDb, type ReadmarkDb, saveArticle } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

const ARTICLE_TEXT =
  'The council voted to rebuild the bridge. Engineers said salt had reached the pins inside three spans. Work starts in October.';
const pageSender: SenderInfo = {
  id: 'x',
  url: 'https://news.example/2026/harbour-bridge#top',
  tab: { id: 1 },
};
const otherPage: SenderInfo = { id: 'x', url: 'https://evil.example/', tab: { id: 2 } };
const extensionPage: SenderInfo = { id: 'x', url: 'chrome-extension://x/reader.html' };

const pageSelectors = (exact: string) => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: 'Menu Home News ', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 900, end: 900 + exact.length },
});

let db: ReadmarkDb;
let handlers: ReturnType<typeof highlightHandlers>;
let articleId: string;
beforeEach(async () => {
  db = openDb(`bg-${crypto.randomUUID()}`);
  handlers = highlightHandlers(db);
  const saved = await saveArticle(db, makeExtracted({ textContent: ARTICLE_TEXT }));
  if (!saved.ok) throw new Error(saved.error);
  articleId = saved.value.id;
});

describe('background highlight handlers', () => {
  test("a page's highlight is placed in the saved article's text, keeping the page selectors too", async () => {
    const created = await handlers.createHighlight(
      { canonicalUrl: null, page: pageSelectors('salt had reached the pins'), color: 'green', note: 'n' },
      pageSender,
    );
    if (!created.ok) throw new Error(created.error);
    const start = ARTICLE_TEXT.indexOf('salt had reached');
    expect(created.value.position).toEqual({ type: 'TextPositionSelector', start, end: start + 25 });
    expect(created.value.quote.prefix).toBe(ARTICLE_TEXT.slice(start - 32, start));
    expect(created.value.page?.position.start).toBe(900);
    expect(created.value.articleId).toBe(articleId);
  });

  test('a passage outside the saved article is refused with a reason, not stored somewhere wrong', async () => {
    const created = await handlers.createHighlight(
      {
        canonicalUrl: null,
        page: pageSelectors('Subscribe to our weekly newsletter today'),
        color: 'green',
        note: '',
      },
      pageSender,
    );
    expect(created).toMatchObject({ ok: false, error: expect.stringMatching(/not part of the article/) });
    expect(await db.highlights.count()).toBe(0);
  });

  test('an unsaved page without a capture is refused with a reason', async () => {
    const created = await handlers.createHighlight(
      { canonicalUrl: null, page: pageSelectors('anything at all here'), color: 'green', note: '' },
      otherPage,
    );
    expect(created).toMatchObject({ ok: false, error: expect.stringMatching(/not saved yet/) });
  });

  test('a capture that claims another page than the sender is refused', async () => {
    const created = await handlers.createHighlight(
      {
        canonicalUrl: null,
        page: pageSelectors('anything at all here'),
        color: 'green',
        note: '',
        capture: { url: 'https://news.example/other', title: 't', html: '<p>x</p>' },
      },
      otherPage,
    );
    expect(created).toMatchObject({ ok: false, error: expect.stringMatching(/not the page that sent it/) });
    expect(await db.articles.count()).toBe(1);
  });

  test('a quote at the edge of the article is found even when the page gives menu text as its context', async () => {
    const created = await handlers.createHighlight(
      { canonicalUrl: null, page: pageSelectors('Work starts in October.'), color: 'blue', note: '' },
      pageSender,
    );
    expect(created).toMatchObject({ ok: true, value: { position: { end: ARTICLE_TEXT.length } } });
  });

  test("a content script can't read or change another page's highlights; extension pages can", async () => {
    const created = await handlers.createHighlight(
      { canonicalUrl: null, page: pageSelectors('Work starts in October'), color: 'yellow', note: '' },
      pageSender,
    );
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    expect(await handlers.pageHighlights({ canonicalUrl: null }, otherPage)).toMatchObject({
      ok: true,
      value: { article: null, highlights: [] },
    });
    expect(await handlers.updateHighlight({ id, note: 'hijack' }, otherPage)).toMatchObject({ ok: false });
    expect(await handlers.deleteHighlight({ id }, otherPage)).toMatchObject({ ok: false });
    expect((await db.highlights.get(id))?.note).toBe('');
    expect(await handlers.updateHighlight({ id, note: 'mine' }, extensionPage)).toMatchObject({ ok: true });
    const deleted = await handlers.deleteHighlight({ id }, pageSender);
    if (!deleted.ok) throw new Error(deleted.error);
    expect(await handlers.restoreHighlight({ highlight: deleted.value }, otherPage)).toMatchObject({
      ok: false,
    });
    expect(await handlers.restoreHighlight({ highlight: deleted.value }, pageSender)).toMatchObject({
      ok: true,
    });
    expect((await db.highlights.get(id))?.note).toBe('mine');
  });
});

import { beforeEach, describe, expect, test } from 'vitest';
import type { SenderInfo } from '@/utils/messaging';
import { highlightHandlers } from '@/utils/services';
import { openDb, type ReadmarkDb, saveArticle } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

const ARTICLE_TEXT =
  'The council voted to rebuild the bridge. Engineers said salt had reached the pins inside three spans. Work starts in October.';
const PAGE_URL = 'https://news.example/2026/harbour-bridge#top';
const pageSender: SenderInfo = { id: 'x', url: PAGE_URL, tab: { id: 1, url: PAGE_URL } };
const otherPage: SenderInfo = {
  id: 'x',
  url: 'https://evil.example/',
  tab: { id: 2, url: 'https://evil.example/' },
};
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
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  articleId = saved.value.id;
});

/** A page's yellow highlight with the note 'mine'. */
const createMine = async () => {
  const created = await handlers.createHighlight(
    {
      id: crypto.randomUUID(),
      canonicalUrl: null,
      page: pageSelectors('Work starts in October'),
      color: 'yellow',
      note: 'mine',
    },
    pageSender,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created;
};

describe('background highlight handlers', () => {
  test("a page's highlight is placed in the saved article's text, keeping the page selectors too", async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('salt had reached the pins'),
        color: 'green',
        note: 'n',
      },
      pageSender,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const start = ARTICLE_TEXT.indexOf('salt had reached');
    const stored = await db.highlights.get(created.value.id);
    expect(stored?.position).toEqual({ type: 'TextPositionSelector', start, end: start + 25 });
    expect(stored?.quote.prefix).toBe(ARTICLE_TEXT.slice(start - 32, start));
    expect(created.value.page?.position.start).toBe(900);
    expect(created.value.articleId).toBe(articleId);
  });

  test('a passage outside the saved article is refused with a reason, not stored somewhere wrong', async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('Subscribe to our weekly newsletter today'),
        color: 'green',
        note: '',
      },
      pageSender,
    );
    expect(created).toEqual({ ok: false, error: { code: 'passage-not-in-article' } });
    expect(await db.highlights.count()).toBe(0);
  });

  test('an unsaved page without a capture is refused with a reason', async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('anything at all here'),
        color: 'green',
        note: '',
      },
      otherPage,
    );
    expect(created).toEqual({ ok: false, error: { code: 'page-not-saved' } });
  });

  test('a capture that claims another page than the sender is refused', async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('anything at all here'),
        color: 'green',
        note: '',
        capture: { url: 'https://news.example/other', title: 't', html: '<p>x</p>' },
      },
      otherPage,
    );
    expect(created).toEqual({ ok: false, error: { code: 'capture-not-tab-page' } });
    expect(await db.articles.count()).toBe(1);
  });

  test('a quote at the edge of the article is found even when the page gives menu text as its context', async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('Work starts in October.'),
        color: 'blue',
        note: '',
      },
      pageSender,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(await db.highlights.get(created.value.id)).toMatchObject({
      position: { end: ARTICLE_TEXT.length },
    });
  });

  test("a content script can't read or change another page's highlights; extension pages can", async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('Work starts in October'),
        color: 'yellow',
        note: '',
      },
      pageSender,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const id = created.value.id;
    expect(await handlers.pageHighlights({ canonicalUrl: null }, otherPage)).toMatchObject({
      ok: true,
      value: { article: null, highlights: [] },
    });
    expect(await handlers.updateHighlight({ id, note: 'hijack' }, otherPage, 'page')).toMatchObject({
      ok: false,
    });
    expect(await handlers.deleteHighlight({ id }, otherPage, 'page')).toMatchObject({ ok: false });
    expect((await db.highlights.get(id))?.note).toBe('');
    expect(await handlers.updateHighlight({ id, note: 'mine' }, extensionPage, 'extension')).toMatchObject({
      ok: true,
    });
    const deleted = await handlers.deleteHighlight({ id }, pageSender, 'page');
    if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
    expect(await handlers.undoDelete({ id }, otherPage)).toMatchObject({ ok: false });
    expect(await handlers.undoDelete({ id }, pageSender)).toMatchObject({ ok: true });
    expect((await db.highlights.get(id))?.note).toBe('mine');
  });
});

describe('the page is the tab the browser reports, never what the page declares', () => {
  const claimB = { id: 'x', url: 'https://evil.example/a', tab: { id: 5, url: 'https://evil.example/a' } };

  test("a page declaring another origin's article as its canonical gets none of its highlights", async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('salt had reached the pins'),
        color: 'green',
        note: 'secret',
      },
      pageSender,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const claimed = await handlers.pageHighlights(
      { canonicalUrl: 'https://news.example/2026/harbour-bridge' },
      claimB,
    );
    expect(claimed).toMatchObject({ ok: true, value: { article: null, highlights: [] } });
    // Nor can it write into that article by claiming it: it is not saved, so it needs a capture.
    const written = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: 'https://news.example/2026/harbour-bridge',
        page: pageSelectors('salt had reached the pins'),
        color: 'pink',
        note: '',
      },
      claimB,
    );
    expect(written).toEqual({ ok: false, error: { code: 'page-not-saved' } });
    expect(await db.highlights.where('articleId').equals(articleId).count()).toBe(1);
  });

  test("the sender's document URL is not enough: without the tab's address nothing is found", async () => {
    const noTabUrl = { id: 'x', url: PAGE_URL, tab: { id: 1 } };
    expect(await handlers.pageHighlights({ canonicalUrl: null }, noTabUrl)).toMatchObject({
      ok: true,
      value: { article: null },
    });
  });

  test("restoreHighlight cannot overwrite a highlight that exists, this article's or another's", async () => {
    const created = await createMine();
    const record = await db.highlights.get(created.value.id);
    if (!record) throw new Error('not stored');
    const forged = { ...record, note: 'overwritten', color: 'pink' as const };
    for (const kind of ['page', 'extension'] as const) {
      expect(await handlers.restoreHighlight({ highlight: forged }, pageSender, kind)).toMatchObject({
        ok: false,
        error: { code: 'highlight-already-there' },
      });
    }
    // Another article (saved from another origin) cannot be reached by a restore either.
    const other = await saveArticle(
      db,
      makeExtracted({ url: 'https://evil.example/a', canonicalUrl: 'https://evil.example/a' }),
    );
    if (!other.ok) throw new Error(JSON.stringify(other.error));
    const stolen = { ...record, id: 'new-id', articleId: other.value.id };
    expect(await handlers.restoreHighlight({ highlight: stolen }, pageSender, 'page')).toMatchObject({
      ok: false,
    });
    expect(await db.highlights.get(created.value.id)).toMatchObject({ note: 'mine', color: 'yellow' });
    expect(await db.highlights.get('new-id')).toBeUndefined();
  });

  test('the same request sent again after its answer was lost answers with the stored highlight, never a second', async () => {
    const request = {
      id: crypto.randomUUID(),
      canonicalUrl: null,
      page: pageSelectors('salt had reached the pins'),
      color: 'green' as const,
      note: '',
    };
    const first = await handlers.createHighlight(request, pageSender);
    // The worker restarted meanwhile: a fresh set of handlers over the same database.
    const again = await highlightHandlers(db).createHighlight(request, pageSender);
    expect(again).toEqual(first);
    expect(await db.highlights.count()).toBe(1);
  });

  test("a request whose id is another highlight's is refused and leaves that highlight as it was", async () => {
    const created = await createMine();
    const reused = { canonicalUrl: null, color: 'pink' as const, note: '', id: created.value.id };
    // Another passage of the same page, and the same passage from a page of another site.
    expect(
      await handlers.createHighlight(
        { ...reused, page: pageSelectors('salt had reached the pins') },
        pageSender,
      ),
    ).toEqual({ ok: false, error: { code: 'highlight-other-page' } });
    const otherSite = await saveArticle(
      db,
      makeExtracted({
        url: 'https://evil.example/',
        canonicalUrl: 'https://evil.example/',
        textContent: ARTICLE_TEXT,
      }),
    );
    if (!otherSite.ok) throw new Error(JSON.stringify(otherSite.error));
    expect(
      await handlers.createHighlight({ ...reused, page: pageSelectors('Work starts in October') }, otherPage),
    ).toEqual({ ok: false, error: { code: 'highlight-other-page' } });
    expect(await db.highlights.count()).toBe(1);
    expect(await db.highlights.get(created.value.id)).toMatchObject({
      note: 'mine',
      color: 'yellow',
      articleId,
    });
  });
});

describe('a content script never holds note text (issue 12 follow-up)', () => {
  const NOTE = 'Secret: call the harbour master about the blue ledger';
  const createWithNote = async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('salt had reached the pins'),
        color: 'green',
        note: NOTE,
      },
      pageSender,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    return created.value.id;
  };
  const leaks = (answer: unknown) => JSON.stringify(answer).includes('harbour master');

  test('every answer a page gets says whether there is a note, never what it says', async () => {
    const id = await createWithNote();
    const answers: unknown[] = [
      await handlers.createHighlight(
        {
          id: crypto.randomUUID(),
          canonicalUrl: null,
          page: pageSelectors('Work starts in October'),
          color: 'blue',
          note: NOTE,
        },
        pageSender,
      ),
      await handlers.pageHighlights({ canonicalUrl: null }, pageSender),
      await handlers.updateHighlight({ id, color: 'pink' }, pageSender, 'page'),
      await handlers.deleteHighlight({ id }, pageSender, 'page'),
      await handlers.undoDelete({ id }, pageSender),
    ];
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: true });
      expect(leaks(answer), JSON.stringify(answer)).toBe(false);
    }
    const listed = answers[1] as { value: { highlights: Record<string, unknown>[] } };
    expect(listed.value.highlights).toHaveLength(2);
    for (const highlight of listed.value.highlights) {
      expect(highlight).toMatchObject({ hasNote: true });
      expect(Object.keys(highlight).sort()).toEqual(['articleId', 'color', 'hasNote', 'id', 'page', 'quote']);
    }
    // The note was never lost on the way: the database and extension pages still have it.
    expect((await db.highlights.get(id))?.note).toBe(NOTE);
    expect(await handlers.updateHighlight({ id, color: 'blue' }, extensionPage, 'extension')).toMatchObject({
      ok: true,
      value: { note: NOTE, hasNote: true },
    });
  });

  test('a highlight without a note says so', async () => {
    const created = await handlers.createHighlight(
      {
        id: crypto.randomUUID(),
        canonicalUrl: null,
        page: pageSelectors('Work starts in October'),
        color: 'blue',
        note: '',
      },
      pageSender,
    );
    expect(created).toMatchObject({ ok: true, value: { hasNote: false } });
  });

  test('undo puts back the deleted record, note included, once, and only what was deleted', async () => {
    const id = await createWithNote();
    expect(await handlers.undoDelete({ id }, pageSender)).toMatchObject({ ok: false });
    await handlers.deleteHighlight({ id }, pageSender, 'page');
    expect(await handlers.undoDelete({ id }, pageSender)).toMatchObject({
      ok: true,
      value: { hasNote: true },
    });
    expect(await db.highlights.get(id)).toMatchObject({ note: NOTE, color: 'green' });
    expect(await handlers.undoDelete({ id }, pageSender)).toMatchObject({ ok: false });
  });

  test('an undo after the service worker restarted fails with a reason', async () => {
    const id = await createWithNote();
    await handlers.deleteHighlight({ id }, pageSender, 'page');
    const restarted = highlightHandlers(db);
    expect(await restarted.undoDelete({ id }, pageSender)).toMatchObject({
      ok: false,
      error: { code: 'highlight-undo-expired' },
    });
  });
});

import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { SenderInfo } from '@/utils/messaging';
import { highlightHandlers, type NoteWindows, noteHandlers } from '@/utils/services';
import { openDb, type ReadmarkDb, saveArticle } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

const TEXT =
  'The council voted to rebuild the bridge. Engineers said salt had reached the pins. Work starts in October.';
const QUOTE = 'salt had reached the pins';
const PAGE_URL = 'https://news.example/2026/harbour-bridge';
const pageSender: SenderInfo = { id: 'x', url: PAGE_URL, tab: { id: 1, url: PAGE_URL } };
const otherPage: SenderInfo = {
  id: 'x',
  url: 'https://evil.example/',
  tab: { id: 2, url: 'https://evil.example/' },
};
const editorIn = (tabId: number): SenderInfo => ({
  id: 'x',
  url: 'chrome-extension://x/note.html',
  tab: { id: tabId },
});

/** Editor windows as the handlers open them: window 100+n holds tab 200+n. */
function fakeWindows() {
  const opened: { url: string; windowId: number }[] = [];
  const closed: number[] = [];
  let onClosed: (windowId: number) => void = () => undefined;
  const windows: NoteWindows = {
    async open(url) {
      const n = opened.length;
      opened.push({ url, windowId: 100 + n });
      return { windowId: 100 + n, tabId: 200 + n };
    },
    async close(windowId) {
      closed.push(windowId);
    },
    onClosed: (listener) => {
      onClosed = listener;
    },
  };
  return { windows, opened, closed, closeByHand: (windowId: number) => onClosed(windowId) };
}

let db: ReadmarkDb;
let highlightId: string;
let clock: number;
let fake: ReturnType<typeof fakeWindows>;
let notes: ReturnType<typeof noteHandlers>;
let done: ReturnType<typeof vi.fn>;
const tokenOf = (n: number) => fake.opened[n]!.url.split('#')[1]!;
const at = { left: 10, top: 20 };

beforeEach(async () => {
  db = openDb(`notes-${crypto.randomUUID()}`);
  const saved = await saveArticle(
    db,
    makeExtracted({ url: 'https://news.example/2026/harbour-bridge', textContent: TEXT }),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const created = await highlightHandlers(db).createHighlight(
    {
      id: crypto.randomUUID(),
      canonicalUrl: null,
      page: {
        quote: { type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: QUOTE.length },
      },
      color: 'yellow',
      note: 'first thoughts',
    },
    pageSender,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  highlightId = created.value.id;
  clock = 1_000;
  fake = fakeWindows();
  notes = noteHandlers(db, fake.windows, () => clock);
  done = vi.fn(async () => ({ ok: true, value: true }));
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(done as never);
});

describe('the note editor session', () => {
  test('open → load → save: the editor window edits the note and the page hears it is done', async () => {
    expect(await notes.noteOpen({ highlightId, at }, pageSender)).toEqual({ ok: true, value: true });
    expect(fake.opened[0]!.url).toMatch(/\/note\.html#[0-9a-f-]{36}$/);
    const token = tokenOf(0);

    expect(await notes.noteLoad({ token }, editorIn(200))).toEqual({
      ok: true,
      value: { quote: QUOTE, note: 'first thoughts' },
    });
    const saved = await notes.noteSave({ token, note: 'ask the engineers' }, editorIn(200));
    expect(saved).toMatchObject({ ok: true, value: { id: highlightId, note: 'ask the engineers' } });
    expect((await db.highlights.get(highlightId))?.note).toBe('ask the engineers');
    expect(fake.closed).toEqual([100]);
    expect(done).toHaveBeenCalledWith(
      1,
      {
        type: 'noteDone',
        payload: { highlightId, highlight: expect.objectContaining({ id: highlightId, hasNote: true }) },
      },
      { frameId: 0 },
    );
    // The page hears that there is a note, never what it says.
    expect(JSON.stringify(done.mock.calls)).not.toContain('ask the engineers');
    // The token is spent.
    expect(await notes.noteSave({ token, note: 'again' }, editorIn(200))).toMatchObject({ ok: false });
    expect((await db.highlights.get(highlightId))?.note).toBe('ask the engineers');
  });

  test('a page whose article does not own the highlight cannot open its note', async () => {
    expect(await notes.noteOpen({ highlightId, at }, otherPage)).toMatchObject({ ok: false });
    expect(fake.opened).toEqual([]);
  });

  test('a browser that refuses the editor window gives a coded error (no English text) and keeps no session', async () => {
    const refusing = noteHandlers(db, { ...fake.windows, open: async () => null }, () => clock);
    expect(await refusing.noteOpen({ highlightId, at }, pageSender)).toEqual({
      ok: false,
      error: { code: 'note-editor-failed' },
    });
    // Nothing was opened, so nothing waits for a window to close or a token to be redeemed.
    expect(fake.opened).toEqual([]);
    expect((await db.highlights.get(highlightId))?.note).toBe('first thoughts');
  });

  test('the token works only in the editor window opened for it, and only for an hour', async () => {
    await notes.noteOpen({ highlightId, at }, pageSender);
    const token = tokenOf(0);
    for (const stranger of [editorIn(1), editorIn(999), { id: 'x', url: 'chrome-extension://x/popup.html' }])
      expect(await notes.noteSave({ token, note: 'overwritten' }, stranger)).toMatchObject({ ok: false });
    expect(await notes.noteSave({ token: crypto.randomUUID(), note: 'guess' }, editorIn(200))).toMatchObject({
      ok: false,
    });
    clock += 61 * 60_000;
    expect(await notes.noteLoad({ token }, editorIn(200))).toMatchObject({ ok: false });
    expect((await db.highlights.get(highlightId))?.note).toBe('first thoughts');
  });

  test('closing the editor, by its button or by the window manager, saves nothing and tells the page', async () => {
    await notes.noteOpen({ highlightId, at }, pageSender);
    expect(await notes.noteClose({ token: tokenOf(0) }, editorIn(200))).toEqual({ ok: true, value: true });
    expect(fake.closed).toEqual([100]);
    expect(done).toHaveBeenLastCalledWith(
      1,
      { type: 'noteDone', payload: { highlightId, highlight: null } },
      {
        frameId: 0,
      },
    );

    await notes.noteOpen({ highlightId, at }, pageSender);
    fake.closeByHand(101);
    await vi.waitFor(() => expect(done).toHaveBeenCalledTimes(2));
    expect(await notes.noteLoad({ token: tokenOf(1) }, editorIn(201))).toMatchObject({ ok: false });
    expect((await db.highlights.get(highlightId))?.note).toBe('first thoughts');
  });

  test('opening the same note again closes the first editor and spends its token', async () => {
    await notes.noteOpen({ highlightId, at }, pageSender);
    await notes.noteOpen({ highlightId, at }, pageSender);
    expect(fake.closed).toEqual([100]);
    expect(await notes.noteLoad({ token: tokenOf(0) }, editorIn(200))).toMatchObject({ ok: false });
    expect(await notes.noteLoad({ token: tokenOf(1) }, editorIn(201))).toMatchObject({ ok: true });
  });
});

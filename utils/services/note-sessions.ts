import { browser } from 'wxt/browser';
import {
  type BackgroundNoteAnswers,
  type SenderInfo,
  sendNoteDone,
  type ToBackgroundNotes,
} from '@/utils/messaging';
import { err, type Highlight, ok, type Result } from '@/utils/model';
import { getHighlight, type ReadmarkDb, updateHighlight } from '@/utils/storage';
import { forPage, mayTouch } from './highlight-service';

type Answer<K extends keyof BackgroundNoteAnswers> = Promise<Result<BackgroundNoteAnswers[K]>>;

/** A note being edited: which highlight, for which page tab, in which editor window and tab. */
interface NoteSession {
  highlightId: string;
  pageTabId: number;
  editorTabId: number;
  editorWindowId: number;
  expires: number;
}

/** Long enough to write a considered note; a forgotten editor's token does not live for ever. */
const SESSION_MS = 60 * 60_000;
const EDITOR_SIZE = { width: 360, height: 210 };

/** What the background needs from the browser to open and close editor windows (a fake in unit tests). */
export interface NoteWindows {
  /** The editor's window and tab, or null when the browser would not open the window. */
  open(url: string, at: { left: number; top: number }): Promise<{ windowId: number; tabId: number } | null>;
  close(windowId: number): Promise<void>;
  /** Calls back when the reader closes a window by the window manager's own close button. */
  onClosed(listener: (windowId: number) => void): void;
}

export const browserNoteWindows: NoteWindows = {
  async open(url, at) {
    const options = { url, type: 'popup', focused: true, ...EDITOR_SIZE } as const;
    // The position is the page's hint; a browser that finds it off-screen refuses it: open anyway.
    const created = await browser.windows
      .create({ ...options, ...at })
      .catch(() => browser.windows.create(options))
      .catch(() => undefined);
    const tabId = created?.tabs?.[0]?.id;
    if (created?.id === undefined || tabId === undefined) return null;
    return { windowId: created.id, tabId };
  },
  close: (windowId) => browser.windows.remove(windowId).catch(() => undefined),
  onClosed: (listener) => browser.windows.onRemoved.addListener(listener),
};

/**
 * Notes are typed in an extension page of their own (issue 12), a small Readmark window, never in
 * the web page: the page's listeners cannot see those keystrokes, and nothing there is in its DOM.
 *
 * Why a window and not an iframe in the toolbar: an iframe needs the editor to be a
 * web-accessible resource (one more way for pages to detect Readmark) and the extension pages'
 * CSP to allow web pages as frame-ancestors, which issue 12 asks to keep shut; a page can also
 * count, navigate and cover a frame in its own document. A window is out of the page's reach.
 *
 * Why a one-time token rather than the highlight id in the editor's URL: the background opens
 * the editor itself, only when our content script asks after a trusted click on "Add note", and
 * only for a highlight the sender's tab may touch (the same check as every other write). The
 * token is bound to that highlight, to that page tab (which hears when the note is done) and to
 * the editor's own tab: another extension page cannot redeem it, and it dies when the note is
 * saved or closed, or after an hour. Sessions live in the service worker's memory: if Chrome
 * stops the worker, the editor says so and the reader opens it again (the note is written in one
 * update, never half-way).
 */
export function noteHandlers(
  db: ReadmarkDb,
  windows: NoteWindows = browserNoteWindows,
  now = () => Date.now(),
) {
  const sessions = new Map<string, NoteSession>();

  const sessionOf = (token: string, sender: SenderInfo): NoteSession | undefined => {
    const session = sessions.get(token);
    if (!session) return undefined;
    if (session.expires < now()) {
      sessions.delete(token);
      return undefined;
    }
    return sender.tab?.id === session.editorTabId ? session : undefined;
  };

  /** Ends a session: the editor window closes and the page hears the outcome (never the note's text). */
  const finish = async (token: string, session: NoteSession, highlight: Highlight | null) => {
    sessions.delete(token);
    await windows.close(session.editorWindowId);
    await sendNoteDone(session.pageTabId, {
      highlightId: session.highlightId,
      highlight: highlight && forPage(highlight),
    });
  };

  windows.onClosed((windowId) => {
    for (const [token, session] of sessions)
      if (session.editorWindowId === windowId) void finish(token, session, null);
  });

  return {
    async noteOpen(
      { highlightId, at }: ToBackgroundNotes['noteOpen'],
      sender: SenderInfo,
    ): Answer<'noteOpen'> {
      const pageTabId = sender.tab?.id;
      const current = await getHighlight(db, highlightId);
      if (pageTabId === undefined || !current || !(await mayTouch(db, sender, 'page', current.articleId)))
        return err('highlight-gone');
      // One editor per highlight: a second "Add note" closes the first (its token dies with it).
      for (const [token, session] of sessions)
        if (session.highlightId === highlightId) await finish(token, session, null);
      const token = crypto.randomUUID();
      const opened = await windows.open(browser.runtime.getURL(`/note.html#${token}`), at);
      if (!opened) return err('note-editor-failed');
      sessions.set(token, {
        highlightId,
        pageTabId,
        editorTabId: opened.tabId,
        editorWindowId: opened.windowId,
        expires: now() + SESSION_MS,
      });
      return ok(true as const);
    },

    async noteLoad({ token }: ToBackgroundNotes['noteLoad'], sender: SenderInfo): Answer<'noteLoad'> {
      const session = sessionOf(token, sender);
      const current = session && (await getHighlight(db, session.highlightId));
      if (!current) return err('note-gone');
      return ok({ quote: current.quote.exact, note: current.note });
    },

    async noteSave({ token, note }: ToBackgroundNotes['noteSave'], sender: SenderInfo): Answer<'noteSave'> {
      const session = sessionOf(token, sender);
      if (!session) return err('note-gone');
      const saved = await updateHighlight(db, session.highlightId, { note });
      if (!saved.ok) return saved;
      await finish(token, session, saved.value);
      return saved;
    },

    async noteClose({ token }: ToBackgroundNotes['noteClose'], sender: SenderInfo): Answer<'noteClose'> {
      const session = sessionOf(token, sender);
      if (session) await finish(token, session, null);
      return ok(true as const);
    },
  };
}

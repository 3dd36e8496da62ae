import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  createHandler,
  currentSelf,
  downloadSenders,
  listen,
  noteSenders,
  senders,
  toBackground,
  toBackgroundDownloads,
  toBackgroundNotes,
} from '@/utils/messaging';
import { ok } from '@/utils/model';
import {
  highlightHandlers,
  listenHandlers,
  noteHandlers,
  setUpAutoRepaint,
  setUpHighlightCommands,
  setUpImportedDownloads,
  setUpLibrarySnapshot,
  setUpOffscreenExtraction,
  setUpReviewBadge,
  setUpSync,
  syncHandlers,
} from '@/utils/services';
import { openDb } from '@/utils/storage';

export default defineBackground(() => {
  const db = openDb();
  listen(
    createHandler(
      {
        schemas: toBackground,
        allowed: senders,
        handlers: {
          ping: async () => ok({ version: browser.runtime.getManifest().version }),
          ...highlightHandlers(db),
          ...listenHandlers(db),
          ...syncHandlers(db),
        },
      },
      currentSelf(),
    ),
  );
  listen(
    createHandler(
      { schemas: toBackgroundNotes, allowed: noteSenders, handlers: noteHandlers(db) },
      currentSelf(),
    ),
  );
  listen(
    createHandler(
      { schemas: toBackgroundDownloads, allowed: downloadSenders, handlers: setUpImportedDownloads(db) },
      currentSelf(),
    ),
  );
  setUpHighlightCommands();
  setUpOffscreenExtraction();
  setUpAutoRepaint();
  setUpSync(db);
  setUpReviewBadge(db);
  setUpLibrarySnapshot(db);
});

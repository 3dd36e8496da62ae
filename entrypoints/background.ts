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
  checkSyncAlarm,
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
  startReviewBadge,
  syncHandlers,
} from '@/utils/services';
import { openDb } from '@/utils/storage';

/**
 * How long after its start the background begins its own start-up work: after a woken worker has
 * answered what woke it (≈40 ms, bench:worker-start), well within the 30 s Chrome keeps it
 * running; the offscreen document then opens a fraction of a second later than it did, which the
 * popup does not wait for (it extracts in a Worker of its own until the document is there).
 */
const START_WORK_DELAY_MS = 250;

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
  // Listeners first, at the top level: MV3 delivers the event that woke the worker only to them.
  setUpHighlightCommands();
  setUpAutoRepaint();
  setUpSync(db);
  setUpReviewBadge(db);
  // The rest of a start reads the database and asks the browser (the offscreen document, the
  // alarms, the badge, the library snapshot's watch): begun at once, it kept the event that woke
  // the worker waiting (npm run bench:worker-start). None of it is that event's business.
  setTimeout(() => {
    setUpOffscreenExtraction();
    void checkSyncAlarm(db).catch(() => undefined);
    void startReviewBadge(db).catch(() => undefined);
    setUpLibrarySnapshot(db);
  }, START_WORK_DELAY_MS);
});

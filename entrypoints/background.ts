import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { highlightHandlers, setUpAutoRepaint, setUpHighlightCommands } from '@/components/background';
import { createHandler, currentSelf, listen, senders, toBackground } from '@/utils/messaging';
import { ok } from '@/utils/model';
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
        },
      },
      currentSelf(),
    ),
  );
  setUpHighlightCommands();
  setUpAutoRepaint();
});

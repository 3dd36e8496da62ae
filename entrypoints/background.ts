import { createHandler, currentSelf, listen, senders, toBackground } from '@/utils/messaging';
import { ok } from '@/utils/model';

export default defineBackground(() => {
  listen(
    createHandler(
      {
        schemas: toBackground,
        allowed: senders,
        handlers: {
          ping: async () => ok({ version: browser.runtime.getManifest().version }),
        },
      },
      currentSelf(),
    ),
  );
});

import { createHandler, currentSelf, listen, offscreenSenders, toOffscreen } from '@/utils/messaging';
import { extractInWorker } from '@/utils/services';

// Chrome only: the service worker's hands for extraction (a DOM for DOMPurify, and Workers).
listen(
  createHandler(
    {
      schemas: toOffscreen,
      allowed: offscreenSenders,
      handlers: { offscreenExtract: ({ capture }) => extractInWorker(capture) },
    },
    currentSelf(),
  ),
);

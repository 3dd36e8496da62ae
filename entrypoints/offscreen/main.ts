import { extractInWorker } from '@/components/shared/extract-in-worker';
import { createHandler, currentSelf, listen, toOffscreen } from '@/utils/messaging';

// Chrome only: the service worker's hands for extraction (a DOM for DOMPurify, and Workers).
listen(
  createHandler(
    {
      schemas: toOffscreen,
      allowed: { offscreenExtract: ['extension'] },
      handlers: { offscreenExtract: ({ capture }) => extractInWorker(capture) },
    },
    currentSelf(),
  ),
);

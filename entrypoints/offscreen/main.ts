import {
  answerOnOffscreenChannel,
  createHandler,
  currentSelf,
  listen,
  offscreenSenders,
  toOffscreen,
} from '@/utils/messaging';
import { offscreenHandlers, warmUpExtraction } from '@/utils/services';

// Chrome only: the service worker's hands for extraction (a DOM for DOMPurify, and Workers), and
// the popup's: this document outlives every popup, so its extraction Worker is ready and warm
// when the reader clicks Readmark.
const handle = createHandler(
  { schemas: toOffscreen, allowed: offscreenSenders, handlers: offscreenHandlers() },
  currentSelf(),
);
// The background's messages come as runtime messages; the popup's over a channel, which does not
// wake a stopped service worker first (utils/messaging/transport.ts).
listen(handle);
answerOnOffscreenChannel(handle, currentSelf());
warmUpExtraction();

import {
  answerInProcess,
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
// The background's messages come as runtime messages; the popup's are handed over in the renderer
// process both share, or, where they do not share one, over a channel: neither wakes a stopped
// service worker first (utils/messaging/transport.ts).
listen(handle);
answerInProcess(handle, currentSelf());
answerOnOffscreenChannel(handle, currentSelf());
warmUpExtraction();

import { vi } from 'vitest';
import { createHandler, type MessageHandler, offscreenSenders, toOffscreen } from '@/utils/messaging';
import { err, ok } from '@/utils/model';
import { previewOf } from '@/utils/services';
import { makeExtracted } from './articles';

/** The extension as the offscreen document's tests see it, and one capture with its preview. */
export const self = { id: 'readmark-id', origin: 'chrome-extension://readmark-id' };
export const capture = {
  url: 'https://news.example/bridge',
  title: 'Bridge',
  html: '<p>The council voted.</p>',
};
export const preview = previewOf(makeExtracted({ title: 'Bridge' }));
export const ticket = crypto.randomUUID();

/**
 * The offscreen document's one handler, as entrypoints/offscreen/main.ts creates it, with the
 * preview's extraction given (by default it answers `preview` and `ticket`); the other two
 * messages are answered with errors, as a document that holds nothing would.
 */
export function offscreenHandler(
  offscreenPreview = vi.fn(async () => ok({ preview, ticket, timing: null })),
): { handle: MessageHandler; offscreenPreview: typeof offscreenPreview } {
  const handle = createHandler(
    {
      schemas: toOffscreen,
      allowed: offscreenSenders,
      handlers: {
        offscreenPreview,
        offscreenExtract: async () => err('extract-failed', { detail: 'not from a page' }),
        offscreenComplete: async () => err('offscreen-no-answer', { detail: 'nothing held' }),
      },
    },
    self,
  );
  return { handle, offscreenPreview };
}

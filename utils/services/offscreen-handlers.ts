import type { HandlerSpec, OffscreenAnswers, toOffscreen } from '@/utils/messaging';
import { err, ok } from '@/utils/model';
import { type ExtractTiming, extractForPreview, extractInWorker } from './extract-in-worker';
import { createHeldExtractions } from './held-extractions';

/**
 * What the offscreen document (Chrome) answers: the background's extractions whole, and the
 * popup's in two parts. The popup's preview is answered as soon as the Worker is done; its
 * sanitising waits until the popup asks for the rest, after its first paint: the document and the
 * popup share the extension's renderer process, and DOMPurify's work here would delay the popup's.
 */
export function offscreenHandlers(
  held = createHeldExtractions(),
): HandlerSpec<typeof toOffscreen, OffscreenAnswers>['handlers'] {
  return {
    offscreenExtract: ({ capture }) => extractInWorker(capture),
    offscreenPreview: async ({ capture }) => {
      let timing: ExtractTiming | null = null;
      const extracted = await extractForPreview(capture, {
        onTiming: (t) => {
          timing = t;
        },
      });
      if (!extracted.ok) return extracted;
      const { preview, complete } = extracted.value;
      return ok({ preview, ticket: held.hold(complete), timing });
    },
    offscreenComplete: async ({ ticket }) =>
      held.take(ticket)?.() ??
      err('offscreen-no-answer', { detail: 'the offscreen document no longer holds this extraction' }),
  };
}

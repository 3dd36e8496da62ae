import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractFromHtml } from '@/utils/extraction';
import { errorFromThrown, fail, ok } from '@/utils/model';

// Runs the extraction pipeline off every page's main thread. The extension page that starts
// this Worker terminates it when its watchdog fires, so a hostile page can hang only this thread.
// DOMPurify needs a real DOM, which a Worker lacks: the caller sanitises the result.
export default defineUnlistedScript(() => {
  self.onmessage = (event: MessageEvent<{ html: string; url: string }>) => {
    try {
      self.postMessage(ok(extractFromHtml(event.data.html, { url: event.data.url })));
    } catch (error) {
      // A failure the pipeline foresaw carries its code; anything else is reported as it was thrown.
      self.postMessage(fail(errorFromThrown(error, 'extract-failed')));
    }
  };
});

import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractFromHtml } from '@/utils/extraction';
import { type ExtractedArticle, errorFromThrown, fail, ok, type Result } from '@/utils/model';
import type { ExtractWorkerAnswer } from '@/utils/services';

// Runs the extraction pipeline off every page's main thread. The extension page that starts
// this Worker terminates it when its watchdog fires, so a hostile page can hang only this thread.
// DOMPurify needs a real DOM, which a Worker lacks: the caller sanitises the result.
export default defineUnlistedScript(() => {
  // Wall-clock times (ms since the epoch) the popup turns into its own performance marks.
  const now = () => performance.timeOrigin + performance.now();
  const ready = now();
  self.onmessage = (event: MessageEvent<{ html: string; url: string }>) => {
    const received = now();
    let result: Result<ExtractedArticle>;
    try {
      result = ok(extractFromHtml(event.data.html, { url: event.data.url }));
    } catch (error) {
      // A failure the pipeline foresaw carries its code; anything else is reported as it was thrown.
      result = fail(errorFromThrown(error, 'extract-failed'));
    }
    const answer: ExtractWorkerAnswer = { result, timing: { ready, received, extracted: now() } };
    self.postMessage(answer);
  };
});

import { sendToBackground } from '@/utils/messaging';
import type { LiveListenDeps, SpeechEngine } from './live-listen';
import { declaredCanonical } from './page-annotations';
import { capturePage } from './serialise-page';

/** Extracting an unsaved page may take the extraction watchdog's 10 s. */
const ARTICLE_TIMEOUT_MS = 30_000;

/**
 * Where the live page's Listen gets its speech and its article.
 *
 * Speech: the content script's own `speechSynthesis` and `SpeechSynthesisUtterance`. A content
 * script runs in an isolated world: it shares the page's DOM but not its JavaScript, so these
 * names are the browser's own bindings, which no page script can replace or wrap (a page that
 * redefines window.speechSynthesis or patches SpeechSynthesis.prototype.speak changes its own
 * world only). What is shared is the engine itself, one queue per tab: the page can hear that
 * something speaks (speechSynthesis.speaking) and can cancel() it, which Listen shows as paused.
 * The alternative, speaking from the offscreen document, would need messages per boundary event
 * (word marking late by a round trip) and the offscreen document's audio reason, for no gain in
 * what the page can learn: it still hears the audio play.
 *
 * Article: the background's answers (listenArticle): the saved article, else an extraction of a
 * capture of this page, never text the content script picked itself.
 */
export function liveListenDeps(doc: Document): LiveListenDeps {
  const engine = (): SpeechEngine | null => {
    const win = doc.defaultView as (Window & typeof globalThis) | null;
    const synth = win?.speechSynthesis;
    const Utterance = win?.SpeechSynthesisUtterance;
    return synth && Utterance ? { synth, makeUtterance: (text) => new Utterance(text) as never } : null;
  };
  return {
    engine,
    fetchArticle: async (withCapture) =>
      sendToBackground(
        'listenArticle',
        {
          canonicalUrl: declaredCanonical(doc),
          ...(withCapture && { capture: await capturePage(doc) }),
        },
        { timeoutMs: ARTICLE_TIMEOUT_MS },
      ),
    savePosition: (position) =>
      sendToBackground('listenPosition', { canonicalUrl: declaredCanonical(doc), position }),
  };
}

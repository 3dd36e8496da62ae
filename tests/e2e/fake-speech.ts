/**
 * An init script that replaces the page's speechSynthesis with a scripted engine: every speak()
 * starts at once, and the test sends word boundaries and ends through window.__speech. Real
 * engines cannot be timed in a test; this one lets the test say exactly when each sentence ends.
 * With `noVoices` it lists none, as Chromium on Linux does without a speech engine.
 */
export function installFakeSpeech({ noVoices }: { noVoices: boolean }) {
  interface FakeUtterance {
    text: string;
    lang: string;
    rate: number;
    voice: { voiceURI: string } | null;
    onstart?: (e: unknown) => void;
    onend?: (e: unknown) => void;
    onerror?: (e: unknown) => void;
    onboundary?: (e: unknown) => void;
  }
  const voices = [
    { voiceURI: 'fake:en-us', name: 'Fake English', lang: 'en-US', localService: true, default: true },
    { voiceURI: 'fake:en-gb', name: 'Fake British', lang: 'en-GB', localService: true, default: false },
    { voiceURI: 'fake:fr', name: 'Fake French', lang: 'fr-FR', localService: true, default: false },
  ];
  const spoken: { text: string; lang: string; rate: number; voice: string | null; at: number }[] = [];
  let current: FakeUtterance | null = null;
  const events = new EventTarget();
  class Utterance {
    lang = '';
    rate = 1;
    voice = null;
    constructor(public text: string) {}
  }
  const synth = {
    getVoices: () => (noVoices ? [] : voices),
    speak(utterance: FakeUtterance) {
      spoken.push({
        text: utterance.text,
        lang: utterance.lang,
        rate: utterance.rate,
        voice: utterance.voice?.voiceURI ?? null,
        // When speak() was called (the page's clock): read-from-here's latency is measured to it.
        at: performance.now(),
      });
      current = utterance;
      queueMicrotask(() => utterance.onstart?.({ type: 'start' }));
    },
    cancel() {
      const cancelled = current;
      current = null;
      cancelled?.onerror?.({ type: 'error', error: 'interrupted' });
    },
    pause() {},
    resume() {},
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, '__speech', {
    value: {
      spoken,
      boundary(charIndex: number, charLength: number) {
        current?.onboundary?.({ type: 'boundary', name: 'word', charIndex, charLength });
      },
      end() {
        const done = current;
        current = null;
        done?.onend?.({ type: 'end' });
      },
    },
  });
}

/** The text under a CSS custom highlight in the page ('' when none). */
export function highlightText(name: string): string {
  const highlight = CSS.highlights.get(name);
  return highlight ? [...highlight].map((range) => range.toString()).join(' | ') : '';
}

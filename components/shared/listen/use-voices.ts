import { useEffect, useState } from 'preact/hooks';

/** 'checking' until the browser lists its voices (Chromium loads them after the page) or gives up. */
export type VoiceStatus = 'checking' | 'ready' | 'none' | 'unsupported';

/**
 * How long to wait for a first voiceschanged before saying there are no voices. Chromium on Linux
 * spawns speech-dispatcher on first use and lists its voices seconds later; if they come after
 * this, the message gives way to the controls.
 */
const WAIT_MS = 4000;

/** The browser's speech voices, kept up to date (engines add voices late). */
export function useVoices(synth: SpeechSynthesis | null): {
  status: VoiceStatus;
  voices: SpeechSynthesisVoice[];
} {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => synth?.getVoices() ?? []);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (!synth) return;
    const refresh = () => setVoices(synth.getVoices());
    synth.addEventListener('voiceschanged', refresh);
    refresh();
    const timer = setTimeout(() => setWaited(true), WAIT_MS);
    return () => {
      synth.removeEventListener('voiceschanged', refresh);
      clearTimeout(timer);
    };
  }, [synth]);
  if (!synth) return { status: 'unsupported', voices };
  if (voices.length > 0) return { status: 'ready', voices };
  return { status: waited ? 'none' : 'checking', voices };
}

/** The fields of a SpeechSynthesisVoice that choosing one needs. */
export interface VoiceLike {
  voiceURI: string;
  name: string;
  lang: string;
  localService: boolean;
  default: boolean;
}

/** "en-GB" → "en"; engines write tags as en_GB or EN-gb too. */
export function primaryLanguage(tag: string): string {
  return normalise(tag).split('-')[0] ?? '';
}

const normalise = (tag: string) => tag.trim().toLowerCase().replaceAll('_', '-');

/**
 * The voices that speak `lang`, best first: the same region before other regions of the language,
 * then the system's default voice and voices on this machine (no text sent away), then by name.
 */
export function voicesFor<V extends VoiceLike>(voices: readonly V[], lang: string): V[] {
  const wanted = normalise(lang);
  const primary = primaryLanguage(lang);
  const score = (voice: V) =>
    (normalise(voice.lang) === wanted ? 4 : 0) + (voice.default ? 2 : 0) + (voice.localService ? 1 : 0);
  return voices
    .filter((voice) => primaryLanguage(voice.lang) === primary)
    .sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name));
}

/**
 * The voice to read `lang` with: the reader's remembered choice for that language if the browser
 * still has it, else the best voice for the language, else the default voice (a wrong accent is
 * better than silence), else null.
 */
export function chooseVoice<V extends VoiceLike>(
  voices: readonly V[],
  lang: string,
  remembered: string | undefined,
): V | null {
  const forLang = voicesFor(voices, lang);
  return (
    forLang.find((voice) => voice.voiceURI === remembered) ??
    forLang[0] ??
    voices.find((voice) => voice.default) ??
    voices[0] ??
    null
  );
}

import { describe, expect, test } from 'vitest';
import {
  chooseVoice,
  primaryLanguage,
  type VoiceLike,
  voicesFor,
} from '@/components/shared/listen/listen-voices';

const voice = (name: string, lang: string, extra: Partial<VoiceLike> = {}): VoiceLike => ({
  voiceURI: `uri:${name}`,
  name,
  lang,
  localService: true,
  default: false,
  ...extra,
});

const voices = [
  voice('Zed', 'en-US', { default: true }),
  voice('Amélie', 'fr-CA'),
  voice('Thomas', 'fr_FR'),
  voice('Remote', 'fr-FR', { localService: false }),
  voice('Hans', 'de-DE'),
];

describe('voices', () => {
  test('primaryLanguage reads any spelling of a tag', () => {
    expect(primaryLanguage('fr_FR')).toBe('fr');
    expect(primaryLanguage('EN-gb')).toBe('en');
  });

  test('voicesFor lists the language only, same region first, local before remote', () => {
    expect(voicesFor(voices, 'fr-FR').map((v) => v.name)).toEqual(['Thomas', 'Remote', 'Amélie']);
    expect(voicesFor(voices, 'fr').map((v) => v.name)).toEqual(['Amélie', 'Thomas', 'Remote']);
  });

  test('chooseVoice keeps the remembered voice for the language while the browser has it', () => {
    expect(chooseVoice(voices, 'fr-FR', 'uri:Amélie')?.name).toBe('Amélie');
    // Remembered for another language, or gone: the best for this one.
    expect(chooseVoice(voices, 'fr-FR', 'uri:Hans')?.name).toBe('Thomas');
    expect(chooseVoice(voices, 'fr-FR', 'uri:Gone')?.name).toBe('Thomas');
  });

  test('a language without a voice gets the default voice; no voices at all, none', () => {
    expect(chooseVoice(voices, 'ja', undefined)?.name).toBe('Zed');
    expect(chooseVoice([], 'en', undefined)).toBeNull();
  });
});

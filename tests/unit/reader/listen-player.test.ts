import { beforeEach, describe, expect, test } from 'vitest';
import { planListening } from '@/components/shared/listen/listen-plan';
import { ListenPlayer, type ListenState, type UtteranceLike } from '@/components/shared/listen/listen-player';

/** A fake speechSynthesis: records what is spoken; the test plays the engine's events. */
class FakeSynth {
  spoken: UtteranceLike[] = [];
  cancels = 0;
  speak(utterance: UtteranceLike) {
    this.spoken.push(utterance);
  }
  cancel() {
    this.cancels++;
    // Real engines report the cancelled utterance as interrupted.
    this.last?.onerror?.({ error: 'interrupted' } as never);
  }
  get last() {
    return this.spoken.at(-1);
  }
  start() {
    this.last!.onstart?.({} as never);
  }
  boundary(charIndex: number, charLength?: number) {
    this.last!.onboundary?.({ name: 'word', charIndex, charLength } as never);
  }
  end() {
    this.last!.onend?.({} as never);
  }
}

const makeUtterance = (text: string): UtteranceLike => ({
  text,
  lang: '',
  rate: 1,
  voice: null,
  onstart: null,
  onend: null,
  onerror: null,
  onboundary: null,
});

let synth: FakeSynth;
let states: ListenState[];
let player: ListenPlayer;
const last = () => states.at(-1)!;

beforeEach(() => {
  document.body.innerHTML = `<article lang="en-GB">
    <p>First one. First two.</p>
    <p>Second one.</p>
    <p lang="fr">Troisième un. Troisième deux.</p>
  </article>`;
  synth = new FakeSynth();
  states = [];
  player = new ListenPlayer({
    plan: planListening(document.querySelector('article')!, 'en'),
    synth,
    makeUtterance,
    voiceFor: (lang) => ({ name: `voice-${lang}` }) as SpeechSynthesisVoice,
    rate: 1.25,
    onChange: (state) => states.push(state),
  });
});

describe('ListenPlayer', () => {
  test('speaks one sentence per utterance, in the sentence language, voice and rate', () => {
    player.play();
    expect(synth.last).toMatchObject({ text: 'First one.', lang: 'en-GB', rate: 1.25 });
    expect(synth.last!.voice?.name).toBe('voice-en-GB');
    synth.start();
    synth.end();
    expect(synth.last!.text).toBe('First two.');
  });

  test('marks the sentence only once the engine starts it, and the word from boundaries', () => {
    player.play();
    expect(last()).toMatchObject({ status: 'playing', sentence: 0, spoken: null });
    synth.start();
    expect(last()).toMatchObject({ spoken: 0, word: null });
    synth.boundary(6, 3);
    expect(last().word).toEqual([6, 9]);
    synth.boundary(0); // no charLength: the word is found in the text
    expect(last().word).toEqual([0, 5]);
    synth.end();
    synth.start();
    expect(last()).toMatchObject({ spoken: 1, word: null });
  });

  test('read from here: starts mid-sentence, marks the whole sentence, words at their place in it', () => {
    player.play(1, 'First '.length);
    expect(synth.last!.text).toBe('two.');
    synth.start();
    expect(last()).toMatchObject({ sentence: 1, spoken: 1 });
    synth.boundary(0, 3); // the engine counts from the start of what it was given
    expect(last().word).toEqual([6, 9]);
    synth.end();
    expect(synth.last!.text).toBe('Second one.');
  });

  test('at the end it stops and goes back to the start', () => {
    player.play(4);
    synth.start();
    synth.end();
    expect(last()).toMatchObject({ status: 'stopped', sentence: 0, spoken: null });
    expect(player.utterance).toBeNull();
  });

  test('pause cancels; play repeats the paused sentence from its start', () => {
    player.play(1);
    synth.start();
    player.pause();
    expect(last()).toMatchObject({ status: 'paused', sentence: 1, spoken: 1 });
    expect(synth.cancels).toBeGreaterThan(0);
    const count = synth.spoken.length;
    player.toggle();
    expect(synth.spoken).toHaveLength(count + 1);
    expect(synth.last!.text).toBe('First two.');
  });

  test('events of a cancelled utterance change nothing', () => {
    player.play();
    const first = synth.last!;
    player.skipSentence(1);
    first.onstart?.({} as never);
    first.onend?.({} as never);
    expect(synth.last!.text).toBe('First two.');
    expect(last()).toMatchObject({ sentence: 1, spoken: null });
  });

  test('skips by sentence and by paragraph, clamped at both ends', () => {
    player.play();
    player.skipParagraph(1);
    expect(synth.last!.text).toBe('Second one.');
    player.skipParagraph(1);
    expect(synth.last).toMatchObject({ text: 'Troisième un.', lang: 'fr' });
    player.skipSentence(1);
    player.skipSentence(1);
    expect(synth.last!.text).toBe('Troisième deux.');
    // Back from the second sentence of a paragraph: its start; again: the previous paragraph.
    player.skipParagraph(-1);
    expect(synth.last!.text).toBe('Troisième un.');
    player.skipParagraph(-1);
    expect(synth.last!.text).toBe('Second one.');
    player.skipSentence(-5);
    expect(synth.last!.text).toBe('First one.');
  });

  test('skipping while paused moves the place without speaking', () => {
    player.play();
    player.pause();
    const count = synth.spoken.length;
    player.skipSentence(2);
    expect(synth.spoken).toHaveLength(count);
    expect(last()).toMatchObject({ status: 'paused', sentence: 2, spoken: 2 });
  });

  test('a new rate restarts the current sentence with it', () => {
    player.play(2);
    player.setRate(2);
    expect(synth.last).toMatchObject({ text: 'Second one.', rate: 2 });
  });

  test('an engine error pauses with the reason; our own cancel is no error', () => {
    player.play();
    player.skipSentence(1); // cancels the first: 'interrupted' is ignored
    expect(last().error).toBeNull();
    synth.last!.onerror?.({ error: 'synthesis-failed' } as never);
    expect(last()).toMatchObject({ status: 'paused', sentence: 1, error: 'synthesis-failed' });
  });
});

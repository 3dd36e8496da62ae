import { type ListenPlan, wordAt } from './listen-plan';

/** The parts of an utterance the player sets and listens to (a real SpeechSynthesisUtterance fits). */
export interface UtteranceLike {
  text: string;
  lang: string;
  rate: number;
  voice: SpeechSynthesisVoice | null;
  onstart: ((event: never) => void) | null;
  onend: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  onboundary: ((event: never) => void) | null;
}

/** The parts of speechSynthesis the player uses. */
export interface SynthLike {
  speak(utterance: never): void;
  cancel(): void;
}

export type ListenStatus = 'stopped' | 'playing' | 'paused';

export interface ListenState {
  status: ListenStatus;
  /** The sentence playing, paused at, or to start from. */
  sentence: number;
  /** The sentence the engine said it started speaking (marked), or null before it did. */
  spoken: number | null;
  /** The word being spoken, as offsets in its sentence, where the engine sends boundary events. */
  word: [number, number] | null;
  /** Why speech stopped on its own, or null. */
  error: string | null;
}

export interface PlayerOptions {
  plan: ListenPlan;
  synth: SynthLike;
  makeUtterance(text: string): UtteranceLike;
  /** The voice for a language (null: the browser's default). */
  voiceFor(lang: string): SpeechSynthesisVoice | null;
  rate: number;
  onChange(state: ListenState): void;
}

/**
 * Speaks a plan one sentence per utterance: the sentence is marked from the utterance's own start
 * and end (some engines, speech-dispatcher on Linux among them, send no word boundaries), and a
 * new utterance per sentence lets skipping, pausing and a change of speed or voice take effect at
 * a sentence's start. Pausing cancels and resuming repeats the sentence from its beginning: engines
 * disagree on pause(), and hearing the sentence again is what a reader picking up the thread wants.
 */
export class ListenPlayer {
  private state: ListenState = { status: 'stopped', sentence: 0, spoken: null, word: null, error: null };
  /** Bumped for every utterance: events of cancelled ones are ignored. */
  private generation = 0;
  /**
   * The utterance being spoken, or null. Held so the browser cannot collect it (and its handlers)
   * mid-sentence, which in Chromium silently ends the reading.
   */
  utterance: UtteranceLike | null = null;

  constructor(private readonly options: PlayerOptions) {}

  get current(): ListenState {
    return this.state;
  }

  get sentenceCount(): number {
    return this.options.plan.sentences.length;
  }

  /**
   * Speaks from sentence `from`; `offset` (characters into that sentence) starts mid-sentence,
   * at the word the reader chose ("read from here"). The whole sentence is still marked.
   */
  play(from = this.state.sentence, offset = 0) {
    const { sentences } = this.options.plan;
    if (sentences.length === 0) return;
    this.speak(Math.min(Math.max(from, 0), sentences.length - 1), offset);
  }

  pause() {
    if (this.state.status !== 'playing') return;
    this.silence();
    this.set({ status: 'paused', word: null });
  }

  toggle() {
    if (this.state.status === 'playing') this.pause();
    else this.play();
  }

  /** Moves by sentences; keeps playing if it was, else only moves (and marks) the place. */
  skipSentence(delta: number) {
    this.moveTo(this.state.sentence + delta);
  }

  /**
   * Moves by paragraphs. Back goes to the start of the current paragraph when past its first
   * sentence (as a player's "previous" restarts the track), else to the previous paragraph.
   */
  skipParagraph(delta: number) {
    const { paragraphs, sentences } = this.options.plan;
    const here = sentences[this.state.sentence];
    if (!here) return;
    const paragraph = paragraphs[here.paragraph]!;
    if (delta < 0 && this.state.sentence > paragraph.firstSentence)
      return this.moveTo(paragraph.firstSentence);
    const target = paragraphs[Math.min(Math.max(here.paragraph + delta, 0), paragraphs.length - 1)]!;
    this.moveTo(target.firstSentence);
  }

  /** New speed or voice: the sentence being spoken starts again with it. */
  setRate(rate: number) {
    this.options.rate = rate;
    this.restart();
  }

  restart() {
    if (this.state.status === 'playing') this.speak(this.state.sentence);
  }

  stop() {
    this.silence();
    this.set({ status: 'stopped', spoken: null, word: null });
  }

  private moveTo(index: number) {
    const last = this.options.plan.sentences.length - 1;
    const target = Math.min(Math.max(index, 0), last);
    if (this.state.status === 'playing') this.speak(target);
    else this.set({ sentence: target, spoken: target, word: null });
  }

  private silence() {
    this.generation++;
    this.utterance = null;
    this.options.synth.cancel();
  }

  private speak(index: number, offset = 0) {
    const { plan, synth, makeUtterance, voiceFor } = this.options;
    const sentence = plan.sentences[index]!;
    this.silence();
    const generation = this.generation;
    const live = () => generation === this.generation;
    const from = offset > 0 && offset < sentence.text.length ? offset : 0;
    const utterance = makeUtterance(sentence.text.slice(from));
    utterance.lang = sentence.lang;
    utterance.rate = this.options.rate;
    const voice = voiceFor(sentence.lang);
    if (voice) utterance.voice = voice;
    utterance.onstart = () => live() && this.set({ spoken: index, word: null });
    utterance.onboundary = ((event: SpeechSynthesisEvent) => {
      if (!live() || event.name === 'sentence') return;
      // The engine counts from the start of what it was given: the sentence's tail when started mid-way.
      this.set({ spoken: index, word: wordAt(sentence.text, event.charIndex + from, event.charLength) });
    }) as (event: never) => void;
    utterance.onend = () => {
      if (!live()) return;
      if (index + 1 < plan.sentences.length) this.speak(index + 1);
      else {
        this.utterance = null;
        this.set({ status: 'stopped', sentence: 0, spoken: null, word: null });
      }
    };
    utterance.onerror = ((event: SpeechSynthesisErrorEvent) => {
      // 'interrupted' and 'canceled' are our own cancel(); anything else is the engine failing.
      if (!live() || event.error === 'interrupted' || event.error === 'canceled') return;
      this.utterance = null;
      this.set({ status: 'paused', word: null, error: event.error || 'synthesis-failed' });
    }) as (event: never) => void;
    this.utterance = utterance;
    this.set({ status: 'playing', sentence: index, word: null, error: null });
    synth.speak(utterance as never);
  }

  private set(change: Partial<ListenState>) {
    this.state = { ...this.state, ...change };
    this.options.onChange(this.state);
  }
}

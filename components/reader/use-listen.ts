import type { RefObject } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  LISTEN_POSITIONS_KEY,
  type ListenPositions,
  parsePositions,
  positionOf,
  resumeIndex,
  withPosition,
} from '@/utils/model';
import { getSetting, type ReadmarkDb, updateSetting } from '@/utils/storage';
import { t } from '../shared/i18n';
import { keepInView, showSpoken } from '../shared/listen/listen-marks';
import { type ListenPlan, planListening, rangeIn } from '../shared/listen/listen-plan';
import { ListenPlayer, type ListenState } from '../shared/listen/listen-player';
import { chooseVoice, primaryLanguage, voicesFor } from '../shared/listen/listen-voices';
import { useVoices, type VoiceStatus } from '../shared/listen/use-voices';
import type { ReaderSettings } from './reader-settings';

interface Options {
  db: ReadmarkDb;
  articleId: string;
  /** The rendered article body. */
  body: RefObject<HTMLElement | null>;
  /** The article's language (stored), else the browser's. */
  lang: string;
  settings: ReaderSettings;
  update(change: Partial<ReaderSettings>): void;
}

export interface ListenControls {
  open: boolean;
  voiceStatus: VoiceStatus;
  /** Voices for the article's language, best first, and the one in use. */
  voices: SpeechSynthesisVoice[];
  voice: SpeechSynthesisVoice | null;
  state: ListenState | null;
  /** Speech rate in use (1 = normal). */
  rate: number;
  sentenceCount: number;
  /** The sentence being spoken, in the article's DOM (line focus follows it), or null. */
  spokenRange: Range | null;
  /** Why the position could not be saved, or null. */
  error: string | null;
  start(): void;
  close(): void;
  toggle(): void;
  skipSentence(delta: number): void;
  skipParagraph(delta: number): void;
  setRate(rate: number): void;
  setVoice(voiceURI: string): void;
}

/** Height of the reader's sticky tool bar: a sentence under it is out of view. */
const TOOLBAR_PX = 64;

/**
 * "Listen": reads the article aloud with the browser's speech synthesis, marking the sentence
 * (and word, where the engine says which) as it goes, and remembers the sentence it stopped at.
 */
export function useListen({ db, articleId, body, lang, settings, update }: Options): ListenControls {
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  const { status: voiceStatus, voices: allVoices } = useVoices(synth);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<ListenState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const player = useRef<ListenPlayer | null>(null);
  const plan = useRef<ListenPlan | null>(null);
  const positions = useRef<ListenPositions | null>(null);
  // The player asks for voices and settings mid-speech: it reads the latest through refs.
  const latest = useRef({ allVoices, settings });
  latest.current = { allVoices, settings };

  const voiceFor = useCallback((tag: string) => {
    const { allVoices: list, settings: s } = latest.current;
    return chooseVoice(list, tag, s.voices[primaryLanguage(tag)]);
  }, []);

  useEffect(() => {
    getSetting<unknown>(db, LISTEN_POSITIONS_KEY, null).then(
      (stored) => {
        positions.current = parsePositions(stored);
      },
      (cause) => setError(t('errorSettings', String(cause))),
    );
  }, [db]);

  /** Saves where listening is (the start again once the article was heard to the end). */
  const remember = useCallback(
    (next: ListenState) => {
      const sentences = plan.current?.sentences;
      if (!positions.current || !sentences) return;
      const index = next.spoken ?? next.sentence;
      if ((positions.current[articleId]?.sentence ?? 0) === index) return;
      const position = index > 0 ? positionOf(sentences, index, Date.now()) : null;
      positions.current = withPosition(positions.current, articleId, position);
      // Read-modify-write in one transaction: the live page's Listen writes the same key.
      updateSetting(db, LISTEN_POSITIONS_KEY, (stored) =>
        withPosition(parsePositions(stored), articleId, position),
      ).then(
        () => setError(null),
        (cause) => setError(t('errorSettings', String(cause))),
      );
    },
    [db, articleId],
  );

  const start = useCallback(() => {
    setOpen(true);
    const root = body.current;
    if (!synth || !root || latest.current.allVoices.length === 0) return;
    if (!player.current) {
      plan.current = planListening(root, lang);
      player.current = new ListenPlayer({
        plan: plan.current,
        synth,
        makeUtterance: (text) => new SpeechSynthesisUtterance(text),
        voiceFor,
        rate: latest.current.settings.speechRate,
        onChange: (next) => {
          setState(next);
          remember(next);
        },
      });
      player.current.play(resumeIndex(plan.current.sentences, positions.current?.[articleId]));
    } else player.current.play();
  }, [synth, body, lang, articleId, voiceFor, remember]);

  const close = useCallback(() => {
    player.current?.stop();
    player.current = null;
    setState(null);
    setOpen(false);
  }, []);

  const toggle = useCallback(() => {
    if (player.current?.current.status === 'playing') player.current.pause();
    else start();
  }, [start]);

  // Mark what is spoken; bring a newly started sentence into view.
  const spoken = state?.spoken ?? null;
  const spokenRange = useMemo(() => {
    const sentence = spoken === null ? undefined : plan.current?.sentences[spoken];
    const paragraph = sentence && plan.current?.paragraphs[sentence.paragraph];
    return sentence && paragraph ? rangeIn(paragraph, sentence.start, sentence.end) : null;
  }, [spoken]);
  useEffect(() => {
    const sentence = spoken === null ? undefined : plan.current?.sentences[spoken];
    const paragraph = sentence && plan.current?.paragraphs[sentence.paragraph];
    if (!sentence || !paragraph || !spokenRange) return showSpoken(window, null, null);
    const word = state?.word;
    showSpoken(
      window,
      spokenRange,
      word ? rangeIn(paragraph, sentence.start + word[0], sentence.start + word[1]) : null,
    );
  }, [spoken, spokenRange, state?.word]);
  useEffect(() => {
    if (spokenRange) keepInView(window, spokenRange, TOOLBAR_PX);
  }, [spokenRange]);

  // Leaving the reader stops the voice (and forgets the marks).
  useEffect(
    () => () => {
      player.current?.stop();
      showSpoken(window, null, null);
    },
    [],
  );

  const controls: ListenControls = {
    open,
    voiceStatus,
    voices: voicesFor(allVoices, lang),
    voice: voiceFor(lang),
    state,
    rate: settings.speechRate,
    sentenceCount: player.current?.sentenceCount ?? 0,
    spokenRange,
    error,
    start,
    close,
    toggle,
    skipSentence: (delta) => player.current?.skipSentence(delta),
    skipParagraph: (delta) => player.current?.skipParagraph(delta),
    setRate(rate) {
      update({ speechRate: rate });
      player.current?.setRate(rate);
    },
    setVoice(voiceURI) {
      const voices = { ...settings.voices, [primaryLanguage(lang)]: voiceURI };
      update({ voices });
      latest.current.settings = { ...latest.current.settings, voices };
      player.current?.restart();
    },
  };
  useListenKeys(controls);
  return controls;
}

/**
 * Keyboard: L starts listening or pauses and resumes; [ and ] go back and forward a sentence,
 * { and } a paragraph (while the Listen bar is open). Keys typed into a field are the reader's.
 */
function useListenKeys(controls: ListenControls) {
  const latest = useRef(controls);
  latest.current = controls;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
      const c = latest.current;
      const actions: Record<string, () => void> = {
        l: c.toggle,
        L: c.toggle,
        ...(c.open && {
          '[': () => c.skipSentence(-1),
          ']': () => c.skipSentence(1),
          '{': () => c.skipParagraph(-1),
          '}': () => c.skipParagraph(1),
        }),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

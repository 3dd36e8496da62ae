import type { ListenArticle } from '@/utils/messaging';
import {
  type AppError,
  type ListenPreferences,
  listenPreferences,
  opaqueName,
  positionOf,
  type Result,
  resumeIndex,
} from '@/utils/model';
import { keepInView, type MarkNames, showSpoken } from '../shared/listen/listen-marks';
import { type ListenPlan, planParagraphs } from '../shared/listen/listen-plan';
import {
  ListenPlayer,
  type ListenState,
  type SynthLike,
  type UtteranceLike,
} from '../shared/listen/listen-player';
import { chooseVoice, primaryLanguage } from '../shared/listen/listen-voices';
import { articleBlocks, type LiveArticle, type LiveParagraph, mapArticle, paragraphAt } from './live-article';

/** Why Listen cannot read this page, for the bar to say. */
export type LiveListenProblem = 'no-article' | 'no-voices' | 'no-local-voice' | { error: AppError };

export interface LiveListenView {
  /** closed: no bar; loading: finding the article and voices; ready: the player runs. */
  phase: 'closed' | 'loading' | 'ready';
  problem: LiveListenProblem | null;
  state: ListenState | null;
  sentenceCount: number;
  /** Whether the view follows the voice (false once the reader scrolled away). */
  following: boolean;
  localOnly: boolean;
}

/** The speech engine: the content script's own (isolated world) speechSynthesis and utterances. */
export interface SpeechEngine {
  synth: SynthLike & {
    getVoices(): SpeechSynthesisVoice[];
    addEventListener(type: 'voiceschanged', listener: () => void): void;
    removeEventListener(type: 'voiceschanged', listener: () => void): void;
  };
  makeUtterance(text: string): UtteranceLike;
}

export interface LiveListenDeps {
  /** Looked up when Listen starts, not when the content script does. */
  engine(): SpeechEngine | null;
  /** The article of this page and where listening stopped (with a capture when the page is not saved). */
  fetchArticle(withCapture: boolean): Promise<Result<ListenArticle>>;
  savePosition(position: { sentence: number; text: string } | null): Promise<unknown>;
}

/** Room kept above a sentence brought into view: sites pin their own bars at the top. */
const TOP_INSET_PX = 80;
/** How long to wait for the browser to list its voices (Chromium lists them late). */
const VOICES_WAIT_MS = 4000;

/**
 * Listen on the live page: reads the extracted article (never the page's menus) mapped onto the
 * page, marks the spoken sentence and word with the CSS Custom Highlight API under random names
 * (the page's DOM is never changed), follows the voice until the reader scrolls away, starts
 * from any word clicked, and tells the background where it is, so a reload resumes there.
 */
export class LiveListen {
  private current: LiveListenView = {
    phase: 'closed',
    problem: null,
    state: null,
    sentenceCount: 0,
    following: true,
    localOnly: false,
  };
  private readonly subscribers = new Set<() => void>();
  private article: LiveArticle | null = null;
  private plan: ListenPlan | null = null;
  private player: ListenPlayer | null = null;
  /** Speed and voices chosen in the reader (the background sends them with the article). */
  private preferences: ListenPreferences = listenPreferences(null);
  private readonly names: MarkNames = { sentence: opaqueName(), word: opaqueName() };
  private styled = false;
  /** Where our own scrolling left the page: a scroll to anywhere else is the reader's. */
  private expectedScroll = 0;
  private savedSentence: number | null = null;
  private spoken: Range | null = null;
  /** Removes the page listeners, which are only there while Listen is open. */
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly doc: Document,
    private readonly host: HTMLElement,
    private readonly deps: LiveListenDeps,
  ) {}

  /** Follows the reader's scrolling (to stop following the voice) and clicks (read from here). */
  private listenToPage() {
    if (this.stopListening) return;
    const win = this.doc.defaultView!;
    const onScroll = () => {
      if (Math.abs(win.scrollY - this.expectedScroll) > 1 && this.current.following)
        this.set({ following: false });
      this.expectedScroll = win.scrollY;
    };
    const onClick = (event: MouseEvent) => this.onClick(event);
    win.addEventListener('scroll', onScroll, { passive: true });
    this.doc.addEventListener('click', onClick, true);
    this.stopListening = () => {
      win.removeEventListener('scroll', onScroll);
      this.doc.removeEventListener('click', onClick, true);
      this.stopListening = null;
    };
  }

  get view(): LiveListenView {
    return this.current;
  }

  /** The sentence being spoken, as a range on the page (line focus follows it), or null. */
  get spokenRange(): Range | null {
    return this.spoken;
  }

  /** The article's paragraphs on the page (line focus steps through their lines). */
  paragraphRanges(): Range[] {
    return this.plan?.paragraphs.map((p) => p.rangeOf(0, p.text.length)) ?? [];
  }

  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /**
   * Opens Listen and plays: from `from` (a point in the article) if given, else where it last
   * stopped. `given` is the article the popup previewed; without it the background answers.
   */
  async start(given?: { contentHtml: string; lang: string | null }, from?: { node: Node; offset: number }) {
    if (this.player) {
      if (from) this.readFrom(from.node, from.offset);
      else this.player.play();
      return;
    }
    if (this.current.phase === 'loading') return;
    this.set({ phase: 'loading', problem: null, following: true });
    const engine = this.deps.engine();
    if (!engine) return this.set({ phase: 'ready', problem: 'no-voices' });
    const first = await this.deps.fetchArticle(false);
    if (!first.ok) return this.set({ phase: 'ready', problem: { error: first.error } });
    let article = given ?? first.value.article;
    if (!article) {
      const extracted = await this.deps.fetchArticle(true);
      if (!extracted.ok) return this.set({ phase: 'ready', problem: { error: extracted.error } });
      article = extracted.value.article;
    }
    if (this.closed()) return; // closed while the article was fetched
    this.preferences = first.value.preferences;
    const fallbackLang = article?.lang || this.doc.documentElement.lang || navigator.language;
    const blocks = article ? articleBlocks(article.contentHtml, new DOMParser()) : [];
    this.article = mapArticle(this.doc.body, blocks, fallbackLang);
    this.plan = planParagraphs(this.article.paragraphs);
    if (this.plan.sentences.length === 0) return this.set({ phase: 'ready', problem: 'no-article' });
    if ((await voicesOf(engine.synth)).length === 0)
      return this.set({ phase: 'ready', problem: 'no-voices' });
    if (this.closed()) return;
    this.player = new ListenPlayer({
      plan: this.plan,
      synth: {
        // "Local voices only": an utterance without a voice on this machine is never handed to
        // the browser (whose default voice may be a speech service); Listen pauses and says so.
        speak: (utterance: UtteranceLike) => {
          if (this.current.localOnly && !utterance.voice?.localService) {
            queueMicrotask(() => {
              this.player?.pause();
              this.set({ problem: 'no-local-voice' });
            });
            return;
          }
          engine.synth.speak(utterance as never);
        },
        cancel: () => engine.synth.cancel(),
      },
      makeUtterance: engine.makeUtterance,
      voiceFor: (lang) => this.voiceFor(lang),
      rate: this.preferences.rate,
      onChange: (state) => this.onPlayer(state),
    });
    this.set({ phase: 'ready', sentenceCount: this.plan.sentences.length });
    this.expectedScroll = this.doc.defaultView!.scrollY;
    this.listenToPage();
    if (from) this.readFrom(from.node, from.offset);
    else {
      const saved = first.value.position;
      this.player.play(resumeIndex(this.plan.sentences, saved ? { ...saved, at: 0 } : undefined));
    }
  }

  /** Starts reading at the word of the article at this point; false when the point is not in it. */
  readFrom(node: Node, offset: number): boolean {
    const { article, plan, player } = this;
    if (!article || !plan || !player) return false;
    // The plan's paragraphs are the article's LiveParagraphs (planParagraphs copies their fields).
    const found = paragraphAt(article.model, plan.paragraphs as unknown as LiveParagraph[], node, offset);
    if (!found) return false;
    const paragraph = plan.paragraphs[found.paragraph]!;
    let index = paragraph.firstSentence;
    while (
      plan.sentences[index + 1]?.paragraph === found.paragraph &&
      plan.sentences[index + 1]!.start <= found.offset
    )
      index++;
    const sentence = plan.sentences[index]!;
    // Back to the start of the clicked word: the voice says the whole word.
    let at = Math.max(0, found.offset - sentence.start);
    while (at > 0 && /[\p{L}\p{N}\p{M}'’-]/u.test(sentence.text[at - 1]!)) at--;
    this.set({ following: true });
    player.play(index, at);
    return true;
  }

  toggle() {
    if (this.player) this.player.toggle();
    else void this.start();
  }

  skipSentence(delta: number) {
    this.player?.skipSentence(delta);
  }

  skipParagraph(delta: number) {
    this.player?.skipParagraph(delta);
  }

  /** Brings the spoken sentence back into view and follows the voice again. */
  backToVoice() {
    this.set({ following: true });
    const range = this.spokenRange;
    if (range) this.scrollTo(range);
  }

  /** Only voices on this machine (localService): the text is never sent to a speech service. */
  setLocalOnly(localOnly: boolean) {
    this.set({ localOnly });
    // The sentence playing starts again with the voice now chosen (or stops: onPlayer).
    this.player?.restart();
  }

  close() {
    this.stopListening?.();
    this.player?.stop();
    this.player = null;
    this.plan = null;
    this.article = null;
    this.savedSentence = null;
    this.spoken = null;
    showSpoken(this.doc.defaultView as Window & typeof globalThis, null, null, this.names);
    this.set({ phase: 'closed', problem: null, state: null, sentenceCount: 0, following: true });
  }

  destroy() {
    this.close();
    this.subscribers.clear();
  }

  /** Whether Listen was closed (an await may come back after it was). */
  private closed(): boolean {
    return this.current.phase === 'closed';
  }

  private voiceFor(lang: string): SpeechSynthesisVoice | null {
    const all = this.deps.engine()?.synth.getVoices() ?? [];
    const voices = this.current.localOnly ? all.filter((voice) => voice.localService) : all;
    return chooseVoice(voices, lang, this.preferences.voices[primaryLanguage(lang)]);
  }

  private onPlayer(state: ListenState) {
    const before = this.current.state?.spoken;
    if (state.spoken !== before) this.spoken = this.rangeOfSentence(state.spoken);
    this.set({ state, ...(state.status === 'playing' && { problem: null }) });
    this.paint(state);
    if (state.spoken !== null && state.spoken !== before && this.current.following) {
      const range = this.spokenRange;
      if (range) this.scrollTo(range);
    }
    this.remember(state);
  }

  private rangeOfSentence(index: number | null): Range | null {
    const sentence = index === null ? undefined : this.plan?.sentences[index];
    const paragraph = sentence && this.plan?.paragraphs[sentence.paragraph];
    return sentence && paragraph ? paragraph.rangeOf(sentence.start, sentence.end) : null;
  }

  private paint(state: ListenState) {
    const win = this.doc.defaultView as Window & typeof globalThis;
    if (!this.styled) {
      adoptMarkStyles(this.doc, this.names);
      this.styled = true;
    }
    const sentence = state.spoken === null ? undefined : this.plan?.sentences[state.spoken];
    const paragraph = sentence && this.plan?.paragraphs[sentence.paragraph];
    if (!sentence || !paragraph || !this.spoken) return showSpoken(win, null, null, this.names);
    const word = state.word;
    showSpoken(
      win,
      this.spoken,
      word ? paragraph.rangeOf(sentence.start + word[0], sentence.start + word[1]) : null,
      this.names,
    );
  }

  private scrollTo(range: Range) {
    const win = this.doc.defaultView!;
    keepInView(win, range, TOP_INSET_PX);
    this.expectedScroll = win.scrollY;
  }

  /** Tells the background the sentence reached (the start again once the article was heard to the end). */
  private remember(state: ListenState) {
    const sentences = this.plan?.sentences;
    if (!sentences) return;
    const index = state.spoken ?? state.sentence;
    if (index === this.savedSentence) return;
    this.savedSentence = index;
    const position = index > 0 ? positionOf(sentences, index, 0) : null;
    void this.deps.savePosition(position && { sentence: position.sentence, text: position.text });
  }

  /** Read from here: a plain click on a word of the article while Listen is open. */
  private onClick(event: MouseEvent) {
    if (!this.player || !event.isTrusted || event.button !== 0 || event.composedPath().includes(this.host))
      return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('a, button, input, textarea, select, label, summary, [contenteditable]')) return;
    const selection = this.doc.getSelection();
    if (selection && !selection.isCollapsed) return; // a drag to select text
    const point = caretAt(this.doc, event.clientX, event.clientY);
    if (point) this.readFrom(point.node, point.offset);
  }

  private set(change: Partial<LiveListenView>) {
    this.current = { ...this.current, ...change };
    for (const listener of this.subscribers) listener();
  }
}

/** The text position under a point of the viewport (the caret a click there would place). */
function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null;
  };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position && { node: position.offsetNode, offset: position.offset };
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range && { node: range.startContainer, offset: range.startOffset };
}

/** The browser's voices, waiting a little for the first list (Chromium fills it after the page loads). */
function voicesOf(synth: SpeechEngine['synth']): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(done, VOICES_WAIT_MS);
    synth.addEventListener('voiceschanged', done);
  });
}

/**
 * The marks' paint, in a constructed sheet adopted by the document (no element added). No text
 * colour is set, so the page's own ink stays; the tint is light enough for dark text and dark
 * enough to show on white, the word underlined as well as tinted.
 */
function adoptMarkStyles(doc: Document, names: MarkNames) {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win?.CSSStyleSheet || !Array.isArray(doc.adoptedStyleSheets)) return;
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(
    `::highlight(${names.sentence}) { background-color: rgba(127, 176, 255, 0.3); }\n` +
      `::highlight(${names.word}) { background-color: rgba(127, 176, 255, 0.55); text-decoration: underline 2px #2f6fd6; }`,
  );
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

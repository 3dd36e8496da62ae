import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../shared/error-message';
import { type MessageKey, t } from '../shared/i18n';
import type { LiveListen, LiveListenProblem } from './live-listen';
import { LIVE_FOCUS_MODES, type LiveFocusMode, useLiveLineFocus } from './use-live-line-focus';

const FOCUS_LABELS: Record<LiveFocusMode, MessageKey> = {
  off: 'lineFocusOff',
  line1: 'lineFocusOne',
  line3: 'lineFocusThree',
  line5: 'lineFocusFive',
  ruler: 'lineFocusRuler',
};

interface Skip {
  action: string;
  label: MessageKey;
  glyph: string;
  by: 'sentence' | 'paragraph';
  delta: number;
}
const SKIPS: Skip[] = [
  { action: 'listen-prev-paragraph', label: 'listenPrevParagraph', glyph: '«', by: 'paragraph', delta: -1 },
  { action: 'listen-prev-sentence', label: 'listenPrevSentence', glyph: '‹', by: 'sentence', delta: -1 },
  { action: 'listen-next-sentence', label: 'listenNextSentence', glyph: '›', by: 'sentence', delta: 1 },
  { action: 'listen-next-paragraph', label: 'listenNextParagraph', glyph: '»', by: 'paragraph', delta: 1 },
];

function SkipButton({ skip, listen }: { skip: Skip; listen: LiveListen }) {
  const go = () =>
    skip.by === 'sentence' ? listen.skipSentence(skip.delta) : listen.skipParagraph(skip.delta);
  return (
    <button
      type="button"
      class="action"
      data-action={skip.action}
      aria-label={t(skip.label)}
      title={t(skip.label)}
      onClick={go}
    >
      {skip.glyph}
    </button>
  );
}

function problemText(problem: LiveListenProblem): string {
  if (problem === 'no-article') return t('liveListenNoArticle');
  if (problem === 'no-voices') return t('listenNoVoices');
  if (problem === 'no-local-voice') return t('liveListenNoLocalVoice');
  return errorMessage(problem.error);
}

/**
 * Listen on the live page, in Readmark's shadow root: the controls (skip by paragraph and
 * sentence, play and pause), "Back to the voice" once the reader scrolled away, "Local voices
 * only", and line focus (window of 1, 3 or 5 lines, or a ruler, with its dimming) over the article.
 */
export function LiveListenBar({ listen, host }: { listen: LiveListen; host: HTMLElement }) {
  const [, setVersion] = useState(0);
  useEffect(() => listen.subscribe(() => setVersion((v) => v + 1)), [listen]);
  const [focus, setFocus] = useState<LiveFocusMode>('off');
  const [dim, setDim] = useState(0.5);
  const view = listen.view;
  const ready = view.phase === 'ready' && view.state !== null;
  const ranges = useCallback(() => listen.paragraphRanges(), [listen]);
  const band = useLiveLineFocus({
    doc: host.ownerDocument,
    mode: focus,
    paragraphs: ready ? ranges : null,
    spoken: listen.spokenRange,
    host,
  });
  if (view.phase === 'closed') return null;
  const playing = view.state?.status === 'playing';
  return (
    <>
      {band && (
        <div
          class="line-focus"
          data-mode={focus === 'ruler' ? 'ruler' : 'window'}
          aria-hidden="true"
          style={{ top: `${band.top}px`, height: `${band.bottom - band.top}px`, '--dim': String(dim) }}
        />
      )}
      <section class="listen-bar" aria-label={t('listen')} data-ui="listen-bar">
        {view.phase === 'loading' && (
          <p role="status" class="listen-message">
            {t('liveListenLoading')}
          </p>
        )}
        {view.problem && (
          <p role="alert" class="listen-message">
            {problemText(view.problem)}
          </p>
        )}
        {ready && (
          <div class="row">
            <SkipButton skip={SKIPS[0]!} listen={listen} />
            <SkipButton skip={SKIPS[1]!} listen={listen} />
            <button
              type="button"
              class="action primary"
              data-action="listen-play"
              onClick={() => listen.toggle()}
            >
              {playing ? t('listenPause') : t('listenPlay')}
            </button>
            <SkipButton skip={SKIPS[2]!} listen={listen} />
            <SkipButton skip={SKIPS[3]!} listen={listen} />
            <span class="where">
              {t('listenSentenceOf', [String((view.state?.sentence ?? 0) + 1), String(view.sentenceCount)])}
            </span>
            {!view.following && (
              <button
                type="button"
                class="action"
                data-action="listen-back-to-voice"
                onClick={() => listen.backToVoice()}
              >
                {t('liveListenBackToVoice')}
              </button>
            )}
          </div>
        )}
        <div class="row">
          <label>
            <input
              type="checkbox"
              data-action="listen-local-only"
              checked={view.localOnly}
              onChange={(event) => listen.setLocalOnly(event.currentTarget.checked)}
            />{' '}
            {t('liveListenLocalOnly')}
          </label>
          <label>
            {t('lineFocus')}{' '}
            <select
              data-action="line-focus"
              value={focus}
              onChange={(event) => setFocus(event.currentTarget.value as LiveFocusMode)}
            >
              {LIVE_FOCUS_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(FOCUS_LABELS[mode])}
                </option>
              ))}
            </select>
          </label>
          {focus !== 'off' && focus !== 'ruler' && (
            <label>
              {t('lineFocusDim')}{' '}
              <input
                type="range"
                data-action="line-focus-dim"
                min="0.2"
                max="0.8"
                step="0.1"
                value={dim}
                onInput={(event) => setDim(Number(event.currentTarget.value))}
              />
            </label>
          )}
          <button
            type="button"
            class="action"
            data-action="listen-close"
            aria-label={t('listenStop')}
            title={t('listenStop')}
            onClick={() => listen.close()}
          >
            ×
          </button>
        </div>
        {ready && <p class="hint">{t('liveListenClickHint')}</p>}
      </section>
    </>
  );
}

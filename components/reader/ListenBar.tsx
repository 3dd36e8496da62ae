import type { MessageKey } from '../shared/i18n';
import { t } from '../shared/i18n';
import { ListenIcon } from './listen-icons';
import { READER_RANGES } from './reader-settings';
import type { ListenControls } from './use-listen';

export const LISTEN_BAR_ID = 'listen-bar';

/** The "Listen" button of the reader's tool bar: opens the Listen bar and starts reading. */
export function ListenButton({ listen }: { listen: ListenControls }) {
  return (
    <button
      type="button"
      id="listen-toggle"
      aria-expanded={listen.open}
      aria-controls={LISTEN_BAR_ID}
      title={t('listenKeyHint')}
      onClick={() => (listen.open ? listen.close() : listen.start())}
    >
      {t('listen')}
    </button>
  );
}

const rates = (() => {
  const { min, max, step } = READER_RANGES.speechRate;
  return Array.from({ length: Math.round((max - min) / step) + 1 }, (_, i) => min + i * step);
})();

/**
 * The controls while listening: back and forward by paragraph and sentence, play and pause, speed
 * and voice; or, where the browser has no voices, a plain message saying so.
 */
export function ListenBar({ listen }: { listen: ListenControls }) {
  if (!listen.open) return null;
  const { state, voiceStatus } = listen;
  const playing = state?.status === 'playing';
  const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  return (
    <section id={LISTEN_BAR_ID} class="listen-bar" aria-label={t('listen')}>
      {voiceStatus === 'none' || voiceStatus === 'unsupported' ? (
        <p role="status" class="listen-message">
          {t('listenNoVoices')}
        </p>
      ) : voiceStatus === 'checking' ? (
        <p role="status" class="listen-message">
          {t('listenLoadingVoices')}
        </p>
      ) : (
        <>
          <div class="listen-buttons">
            <SkipButton skip={SKIPS.previousParagraph} listen={listen} />
            <SkipButton skip={SKIPS.previousSentence} listen={listen} />
            <button
              type="button"
              id="listen-play"
              class="primary"
              title={`${playing ? t('listenPause') : t('listenPlay')} (L)`}
              onClick={listen.toggle}
            >
              {playing ? t('listenPause') : t('listenPlay')}
            </button>
            <SkipButton skip={SKIPS.nextSentence} listen={listen} />
            <SkipButton skip={SKIPS.nextParagraph} listen={listen} />
          </div>
          {state && listen.sentenceCount > 0 && (
            <span class="listen-where">
              {t('listenSentenceOf', [String(state.sentence + 1), String(listen.sentenceCount)])}
            </span>
          )}
          <label>
            {t('listenSpeed')}{' '}
            <select
              id="listen-speed"
              value={String(listen.rate)}
              onChange={(event) => listen.setRate(Number(event.currentTarget.value))}
            >
              {rates.map((rate) => (
                <option key={rate} value={String(rate)}>
                  {t('listenRate', rateFormat.format(rate))}
                </option>
              ))}
            </select>
          </label>
          {listen.voices.length > 0 ? (
            <label>
              {t('listenVoice')}{' '}
              <select
                id="listen-voice"
                value={listen.voice?.voiceURI ?? ''}
                onChange={(event) => listen.setVoice(event.currentTarget.value)}
              >
                {listen.voices.map((voice) => (
                  <option key={voice.voiceURI} value={voice.voiceURI}>
                    {voice.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span class="listen-where">{t('listenNoVoiceForLanguage')}</span>
          )}
          {state?.error && (
            <p role="alert" class="listen-message">
              {t('listenFailed', state.error)}
            </p>
          )}
        </>
      )}
      <button type="button" id="listen-close" onClick={listen.close}>
        {t('listenStop')}
      </button>
    </section>
  );
}

interface Skip {
  id: string;
  icon: Parameters<typeof ListenIcon>[0]['name'];
  label: MessageKey;
  key: string;
  by: 'sentence' | 'paragraph';
  delta: number;
}

const SKIPS: Record<Skip['icon'], Skip> = {
  previousParagraph: {
    id: 'listen-prev-paragraph',
    icon: 'previousParagraph',
    label: 'listenPrevParagraph',
    key: '{',
    by: 'paragraph',
    delta: -1,
  },
  previousSentence: {
    id: 'listen-prev-sentence',
    icon: 'previousSentence',
    label: 'listenPrevSentence',
    key: '[',
    by: 'sentence',
    delta: -1,
  },
  nextSentence: {
    id: 'listen-next-sentence',
    icon: 'nextSentence',
    label: 'listenNextSentence',
    key: ']',
    by: 'sentence',
    delta: 1,
  },
  nextParagraph: {
    id: 'listen-next-paragraph',
    icon: 'nextParagraph',
    label: 'listenNextParagraph',
    key: '}',
    by: 'paragraph',
    delta: 1,
  },
};

/** An icon button that moves back or forward by a sentence or a paragraph; its key in the tooltip. */
function SkipButton({ skip, listen }: { skip: Skip; listen: ListenControls }) {
  const label = t(skip.label);
  return (
    <button
      type="button"
      id={skip.id}
      title={`${label} (${skip.key})`}
      onClick={() =>
        skip.by === 'sentence' ? listen.skipSentence(skip.delta) : listen.skipParagraph(skip.delta)
      }
    >
      <ListenIcon name={skip.icon} />
      <span class="visually-hidden">{label}</span>
    </button>
  );
}

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
            <button
              type="button"
              id="listen-prev-paragraph"
              title={`${t('listenPrevParagraph')} ({)`}
              onClick={() => listen.skipParagraph(-1)}
            >
              <ListenIcon name="previousParagraph" />
              <span class="visually-hidden">{t('listenPrevParagraph')}</span>
            </button>
            <button
              type="button"
              id="listen-prev-sentence"
              title={`${t('listenPrevSentence')} ([)`}
              onClick={() => listen.skipSentence(-1)}
            >
              <ListenIcon name="previousSentence" />
              <span class="visually-hidden">{t('listenPrevSentence')}</span>
            </button>
            <button
              type="button"
              id="listen-play"
              class="primary"
              title={`${playing ? t('listenPause') : t('listenPlay')} (L)`}
              onClick={listen.toggle}
            >
              {playing ? t('listenPause') : t('listenPlay')}
            </button>
            <button
              type="button"
              id="listen-next-sentence"
              title={`${t('listenNextSentence')} (])`}
              onClick={() => listen.skipSentence(1)}
            >
              <ListenIcon name="nextSentence" />
              <span class="visually-hidden">{t('listenNextSentence')}</span>
            </button>
            <button
              type="button"
              id="listen-next-paragraph"
              title={`${t('listenNextParagraph')} (})`}
              onClick={() => listen.skipParagraph(1)}
            >
              <ListenIcon name="nextParagraph" />
              <span class="visually-hidden">{t('listenNextParagraph')}</span>
            </button>
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

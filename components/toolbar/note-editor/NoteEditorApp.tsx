import { useEffect, useRef, useState } from 'preact/hooks';
import { sendNoteMessage } from '@/utils/messaging';
import { errorMessage } from '../../shared/error-message';
import { t } from '../../shared/i18n';

type State = { step: 'loading' } | { step: 'editing'; quote: string } | { step: 'failed' };

/**
 * Edits one highlight's note. The token (from the editor's URL) is all it knows; the background
 * says which highlight it stands for, and only to the editor window it opened for that token.
 * Enter with Ctrl/⌘ or "Save note" saves; Escape or Close closes without saving. A failed save
 * keeps the text in the field, with the reason, so nothing typed is lost.
 */
export function NoteEditorApp({ token }: { token: string }) {
  const [state, setState] = useState<State>({ step: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void sendNoteMessage('noteLoad', { token }).then((loaded) => {
      if (!loaded.ok) {
        setError(errorMessage(loaded.error));
        return setState({ step: 'failed' });
      }
      setNote(loaded.value.note);
      setState({ step: 'editing', quote: loaded.value.quote });
    });
  }, [token]);
  useEffect(() => {
    if (state.step === 'editing') field.current?.focus();
  }, [state.step]);

  // The background closes this window when it ends the session; a session it no longer knows
  // (the service worker restarted, the token expired) leaves that to us.
  const close = () => void sendNoteMessage('noteClose', { token }).then(() => window.close());
  const save = async () => {
    if (saving || state.step !== 'editing') return;
    setSaving(true);
    const saved = await sendNoteMessage('noteSave', { token, note });
    setSaving(false);
    if (!saved.ok) setError(errorMessage(saved.error));
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
      else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
        (document.querySelector('form') as HTMLFormElement | null)?.requestSubmit();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {state.step === 'editing' && <p class="quote">{state.quote}</p>}
      {error && <p role="alert">{error}</p>}
      {state.step !== 'failed' && (
        <textarea
          ref={field}
          value={note}
          disabled={state.step === 'loading'}
          placeholder={t('toolbarNotePlaceholder')}
          aria-label={t('toolbarNotePlaceholder')}
          maxLength={20_000}
          onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
        />
      )}
      <div class="row">
        <button type="button" class="close" onClick={close}>
          {t('toolbarClose')}
        </button>
        {state.step === 'editing' && (
          <button type="submit" class="primary save-note" disabled={saving}>
            {t('toolbarSaveNote')}
          </button>
        )}
      </div>
    </form>
  );
}

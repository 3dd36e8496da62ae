import { useEffect, useRef, useState } from 'preact/hooks';
import { sendNoteMessage } from '@/utils/messaging';
import { t } from '../../shared/i18n';

type State = { step: 'loading' } | { step: 'editing'; quote: string } | { step: 'failed'; error: string };

/**
 * Edits one highlight's note. The token (from the editor's URL) is all it knows; the background
 * says which highlight it stands for, and only to the editor window it opened for that token.
 * Enter with Ctrl/⌘ or "Save note" saves; Escape or × closes without saving.
 */
export function NoteEditorApp({ token }: { token: string }) {
  const [state, setState] = useState<State>({ step: 'loading' });
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void sendNoteMessage('noteLoad', { token }).then((loaded) => {
      if (!loaded.ok) return setState({ step: 'failed', error: loaded.error });
      setNote(loaded.value.note);
      setState({ step: 'editing', quote: loaded.value.quote });
    });
  }, [token]);
  useEffect(() => {
    if (state.step === 'editing') field.current?.focus();
  }, [state.step]);

  const close = () => void sendNoteMessage('noteClose', { token });
  const save = async () => {
    if (saving) return;
    setSaving(true);
    const saved = await sendNoteMessage('noteSave', { token, note });
    setSaving(false);
    if (!saved.ok) setState({ step: 'failed', error: saved.error });
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void sendNoteMessage('noteClose', { token });
      else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
        (document.querySelector('form') as HTMLFormElement | null)?.requestSubmit();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [token]);

  if (state.step === 'failed')
    return (
      <div class="row">
        <p role="alert">{state.error}</p>
        <button type="button" class="close" onClick={close}>
          {t('toolbarClose')}
        </button>
      </div>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {state.step === 'editing' && <p class="quote">{state.quote}</p>}
      <textarea
        ref={field}
        value={note}
        disabled={state.step === 'loading'}
        placeholder={t('toolbarNotePlaceholder')}
        aria-label={t('toolbarNotePlaceholder')}
        maxLength={20_000}
        onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
      />
      <div class="row">
        <button type="button" class="close" onClick={close}>
          {t('toolbarClose')}
        </button>
        <button type="submit" class="primary save-note" disabled={saving || state.step === 'loading'}>
          {t('toolbarSaveNote')}
        </button>
      </div>
    </form>
  );
}

import { useRef, useState } from 'preact/hooks';
import { type ExportFormat, exportArticlesZip } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { downloadFile, FILE_TYPES } from '../shared/download';
import { errorMessage } from '../shared/error-message';
import { t, tn } from '../shared/i18n';

type State =
  | { kind: 'choosing' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; file: string }
  | { kind: 'failed'; message: string };

interface Props {
  db: ReadmarkDb;
  ids: string[];
  onClose(): void;
}

/**
 * Exports the selected articles (or all) as one zip of Markdown or HTML files, with progress and
 * Cancel: a cancelled export offers no file at all.
 */
export function ExportPanel({ db, ids, onClose }: Props) {
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [state, setState] = useState<State>({ kind: 'choosing' });
  const controller = useRef<AbortController | null>(null);

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'running', done: 0, total: ids.length * 2 });
    const zip = await exportArticlesZip(db, ids, format, {
      signal: abort.signal,
      onProgress: (done, total) => setState({ kind: 'running', done, total }),
    });
    if (abort.signal.aborted) return setState({ kind: 'failed', message: t('taskCancelled') });
    if (!zip.ok) return setState({ kind: 'failed', message: t('exportFailed', errorMessage(zip.error)) });
    const file = `readmark-${format}-${new Date().toISOString().slice(0, 10)}.zip`;
    downloadFile(file, zip.value as Uint8Array<ArrayBuffer>, FILE_TYPES.zip);
    setState({ kind: 'done', file });
  };

  return (
    <section class="export-panel" role="dialog" aria-labelledby="export-panel-title">
      <h2 id="export-panel-title">{tn('libraryExportTitle', ids.length)}</h2>
      {state.kind === 'choosing' && (
        <>
          <fieldset>
            <legend class="visually-hidden">{t('libraryExportFormat')}</legend>
            {(['markdown', 'html'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="export-format"
                  value={value}
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />{' '}
                {value === 'markdown' ? t('exportMarkdown') : t('exportHtml')}
              </label>
            ))}
          </fieldset>
          <button type="button" class="primary" id="export-start" onClick={start}>
            {t('libraryExportStart')}
          </button>
        </>
      )}
      {state.kind === 'running' && (
        <div class="task" role="status" aria-live="polite">
          <progress max={Math.max(1, state.total)} value={state.done} />
          <span>{t('taskProgress', [t('libraryExportStep'), String(state.done), String(state.total)])}</span>
          <button type="button" onClick={() => controller.current?.abort()}>
            {t('cancel')}
          </button>
        </div>
      )}
      {state.kind === 'done' && (
        <p role="status" class="ok" id="export-done">
          {t('exportDone', state.file)}
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" class="notice">
          {state.message}
        </p>
      )}
      {state.kind !== 'running' && (
        <button type="button" onClick={onClose}>
          {t('toolbarClose')}
        </button>
      )}
    </section>
  );
}

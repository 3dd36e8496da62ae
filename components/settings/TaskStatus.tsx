import { t } from '../shared/i18n';
import type { TaskState } from './use-long-task';

const STEP_LABELS = {
  reading: 'backupStepReading',
  writing: 'backupStepWriting',
  checking: 'backupStepChecking',
  importing: 'backupStepImporting',
  extracting: 'importStepExtracting',
} as const;

/** The progress bar with its counts and Cancel button, or the outcome of a task that did not succeed. */
export function TaskStatus({ state, onCancel }: { state: TaskState; onCancel: () => void }) {
  if (state.kind === 'idle') return null;
  if (state.kind === 'cancelled')
    return (
      <p class="task-outcome" role="status">
        {t('taskCancelled')}
      </p>
    );
  if (state.kind === 'failed')
    return (
      <p class="task-outcome notice" role="alert">
        {state.message}
      </p>
    );
  const step = t(STEP_LABELS[state.step ?? 'reading']);
  const label = t('taskProgress', [step, state.done.toLocaleString(), state.total.toLocaleString()]);
  return (
    <div class="task" role="status" aria-live="polite">
      <progress max={Math.max(1, state.total)} value={state.done} aria-label={step} />
      <span class="task-label">{label}</span>
      <button type="button" class="task-cancel" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

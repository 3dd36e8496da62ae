import { useState } from 'preact/hooks';
import { makeBackup } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { downloadFile, FILE_TYPES } from '../shared/download';
import { t } from '../shared/i18n';
import { TaskStatus } from './TaskStatus';
import { useLongTask } from './use-long-task';

/** "Download backup": read → write → verify; only a backup that passed its check is downloaded. */
export function DownloadBackup({ db }: { db: ReadmarkDb }) {
  const task = useLongTask();
  const [done, setDone] = useState<string | null>(null);
  const start = async () => {
    setDone(null);
    const backup = await task.run(
      (signal, onProgress) => makeBackup(db, { signal, onProgress }),
      (error) => t('backupFailed', error),
    );
    if (!backup) return;
    downloadFile(backup.fileName, backup.file, FILE_TYPES.json);
    const { articles, highlights } = backup.counts;
    setDone(t('backupDone', [backup.fileName, articles.toLocaleString(), highlights.toLocaleString()]));
  };
  return (
    <div class="settings-row" id="backup">
      <button
        type="button"
        id="download-backup"
        class="primary"
        onClick={start}
        disabled={task.state.kind === 'running'}
      >
        {t('backupDownload')}
      </button>
      <TaskStatus state={task.state} onCancel={task.cancel} />
      {done && (
        <p class="task-outcome ok" role="status" id="backup-done">
          {done}
        </p>
      )}
    </div>
  );
}

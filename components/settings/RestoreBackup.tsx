import { useMemo, useState } from 'preact/hooks';
import type { ImportPolicy } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import { type BackupPreview, type ImportReport, importBackup, previewBackup } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { formatDate } from '../shared/format';
import { t, tn } from '../shared/i18n';
import { RejectedRecords } from './RejectedRecords';
import { TaskStatus } from './TaskStatus';
import { useLongTask } from './use-long-task';

const POLICIES = [
  ['skip', 'policySkip'],
  ['replace', 'policyReplace'],
  ['keep-both', 'policyKeepBoth'],
] as const;

/**
 * "Restore from backup": choose a file → see what it holds (and what it cannot import, with
 * reasons) → choose what to do with articles already in the library → Import. The bodies are
 * sanitised with DOMPurify on this page's DOM as they are written, in one transaction.
 */
export function RestoreBackup({ db }: { db: ReadmarkDb }) {
  const task = useLongTask();
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [policy, setPolicy] = useState<ImportPolicy>('skip');
  const [report, setReport] = useState<ImportReport | null>(null);
  const sanitise = useMemo(() => createSanitiser(window), []);
  const running = task.state.kind === 'running';

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    setPreview(null);
    setReport(null);
    if (!file) return;
    const checked = await task.run(
      (signal, onProgress) => previewBackup(db, file, { signal, onProgress }),
      (error) => t('restoreCannotRead', error),
    );
    setPreview(checked);
    input.value = ''; // choosing the same file again (after an import) reads it again
  };

  const start = async () => {
    if (!preview) return;
    const done = await task.run(
      (signal, onProgress) => importBackup(db, preview, policy, sanitise, { signal, onProgress }),
      (error) => t('restoreFailed', error),
    );
    if (!done) return;
    setPreview(null);
    setReport(done);
  };

  return (
    <div class="settings-row" id="restore">
      <label class="file-choice">
        <span class="file-choice-label">{t('restoreChoose')}</span>
        <input
          type="file"
          id="restore-file"
          accept=".json,application/json"
          disabled={running}
          onChange={(event) => choose(event.currentTarget)}
        />
      </label>
      <p class="meta">{t('restoreHint')}</p>
      {preview && !running && (
        <PreviewSummary preview={preview} policy={policy} onPolicy={setPolicy} onImport={start} />
      )}
      <TaskStatus state={task.state} onCancel={task.cancel} />
      {report && <ImportDone report={report} />}
    </div>
  );
}

function PreviewSummary({
  preview,
  policy,
  onPolicy,
  onImport,
}: {
  preview: BackupPreview;
  policy: ImportPolicy;
  onPolicy: (policy: ImportPolicy) => void;
  onImport: () => void;
}) {
  const { settings, rejected, duplicates } = preview;
  return (
    <div class="restore-preview" id="restore-preview">
      <p id="restore-summary">
        {t('restoreSummary', [
          preview.articles.toLocaleString(),
          preview.highlights.toLocaleString(),
          settings.length.toLocaleString(),
        ])}{' '}
        {preview.exportedAt && formatDate(preview.exportedAt)
          ? t('restoreMadeOn', formatDate(preview.exportedAt))
          : ''}
      </p>
      {duplicates > 0 && <p id="restore-duplicates">{t('restoreDuplicates', duplicates.toLocaleString())}</p>}
      <RejectedRecords rejected={rejected} />
      {duplicates > 0 && (
        <fieldset class="policy">
          <legend>{t('policyLegend')}</legend>
          {POLICIES.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="policy"
                value={value}
                checked={policy === value}
                onChange={() => onPolicy(value)}
              />
              {t(label)}
            </label>
          ))}
          <p class="meta">{t('policySettingsNote')}</p>
        </fieldset>
      )}
      <button type="button" id="restore-import" class="primary" onClick={onImport}>
        {t('restoreImport')}
      </button>
    </div>
  );
}

function ImportDone({ report }: { report: ImportReport }) {
  const n = (value: number) => value.toLocaleString();
  return (
    <p class="task-outcome ok" role="status" id="restore-done">
      {t('restoreDone', [n(report.articles), n(report.highlights), n(report.settings)])}
      {report.skipped + report.replaced + report.copies > 0 &&
        ` ${t('restoreDoneDuplicates', [
          tn('restoreSkipped', report.skipped),
          tn('restoreReplaced', report.replaced),
          tn('restoreCopies', report.copies),
        ])}`}
    </p>
  );
}

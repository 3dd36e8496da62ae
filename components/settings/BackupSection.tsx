import type { ReadmarkDb } from '@/utils/storage';
import { t } from '../shared/i18n';
import { DownloadBackup } from './DownloadBackup';
import { RestoreBackup } from './RestoreBackup';

/** "Backup and restore": the whole library to one file, and back (here or in another browser). */
export function BackupSection({ db }: { db: ReadmarkDb }) {
  return (
    <section class="settings-section" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backupTitle')}</h2>
      <p class="meta">{t('backupIntro')}</p>
      <DownloadBackup db={db} />
      <RestoreBackup db={db} />
    </section>
  );
}

/**
 * utils/services: the orchestration room. Each service runs one user-level task across the rooms
 * (storage, extraction, export, search, import, messaging) and answers a Result; it renders
 * nothing, so the components that call it stay thin.
 */

export {
  type BackupPreview,
  type BackupStep,
  backupFileName,
  type ImportReport,
  importBackup,
  isCancelled,
  makeBackup,
  previewBackup,
  type StepOptions,
} from './backup';
export { checkBackupSettings } from './backup-settings';

import {
  type BackupCounts,
  createBackup,
  type ImportPolicy,
  type ParsedBackup,
  parseBackup,
  planImport,
  type Rejection,
  verifyBackup,
} from '@/utils/export';
import type { Sanitiser } from '@/utils/extraction';
import { describeThrown, err, ok, type Result } from '@/utils/model';
import {
  applyImportPlan,
  getSetting,
  type ImportCounts,
  type ReadmarkDb,
  readCanonicalUrlIndex,
  readLibraryForBackup,
  type SettingRecord,
} from '@/utils/storage';
import { checkBackupSettings } from './setting-validators';

/** The steps of a backup, a restore or an import from another tool, each with its own progress count. */
export type BackupStep = 'reading' | 'writing' | 'checking' | 'importing' | 'extracting';

export interface StepOptions {
  onProgress?: (step: BackupStep, done: number, total: number) => void;
  signal?: AbortSignal;
}

/** `readmark-backup-YYYY-MM-DD.json`, in the reader's local date. */
export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `readmark-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/**
 * The whole library as a backup file's text: read (one snapshot) → write → verify by reading it
 * back. A backup that fails its check is an error, never a file to offer.
 */
export async function makeBackup(
  db: ReadmarkDb,
  { onProgress, signal, now = new Date() }: StepOptions & { now?: Date } = {},
): Promise<Result<{ text: string; counts: BackupCounts; fileName: string }>> {
  const step = (name: BackupStep) =>
    onProgress && ((done: number, total: number) => onProgress(name, done, total));
  const library = await readLibraryForBackup(db, { signal, onProgress: step('reading') });
  if (!library.ok) return library;
  const text = await createBackup(library.value, { signal, now, onProgress: step('writing') });
  if (!text.ok) return text;
  const counts = { articles: library.value.articles.length, highlights: library.value.highlights.length };
  const verified = await verifyBackup(text.value, counts, { signal, onProgress: step('checking') });
  if (!verified.ok) return verified;
  return ok({ text: text.value, counts, fileName: backupFileName(now) });
}

/** A backup file read and checked, ready to show before importing. */
export interface BackupPreview {
  backup: ParsedBackup;
  /** Settings whose values passed their check. */
  settings: SettingRecord[];
  /** Records of the file that will not be imported, with reasons (articles, highlights, settings). */
  rejected: Rejection[];
  /** Articles of the file whose canonical URL the library already has (the policy decides). */
  duplicates: number;
}

/** Parses and checks a backup file's text against the current library; nothing is written. */
export async function previewBackup(
  db: ReadmarkDb,
  text: string,
  { onProgress, signal }: StepOptions = {},
): Promise<Result<BackupPreview>> {
  const parsed = await parseBackup(text, {
    signal,
    onProgress: onProgress && ((done, total) => onProgress('checking', done, total)),
  });
  if (!parsed.ok) return parsed;
  const settings = checkBackupSettings(parsed.value.settings);
  const existing = await readCanonicalUrlIndex(db);
  return ok({
    backup: parsed.value,
    settings: settings.records,
    rejected: [...parsed.value.rejected, ...settings.rejected],
    duplicates: parsed.value.articles.filter(({ meta }) => existing.has(meta.canonicalUrl)).length,
  });
}

export interface ImportReport extends ImportCounts {
  skipped: number;
  replaced: number;
  copies: number;
}

/**
 * Imports a previewed backup: plans against the library as it is now, then writes everything in
 * one transaction, sanitising each body as it goes (all or nothing, cancel included). Settings
 * overwrite the reader's own only with policy 'replace'; otherwise only unset ones are added.
 */
export async function importBackup(
  db: ReadmarkDb,
  preview: BackupPreview,
  policy: ImportPolicy,
  sanitise: Sanitiser,
  { onProgress, signal }: StepOptions = {},
): Promise<Result<ImportReport>> {
  try {
    const plan = planImport(preview.backup, await readCanonicalUrlIndex(db), policy);
    const putSettings: SettingRecord[] = [];
    for (const record of preview.settings)
      if (policy === 'replace' || (await getSetting(db, record.key, undefined)) === undefined)
        putSettings.push(record);
    const applied = await applyImportPlan(
      db,
      { ...plan, putSettings },
      { sanitise, signal, onProgress: onProgress && ((done, total) => onProgress('importing', done, total)) },
    );
    if (!applied.ok) return applied;
    return ok({
      ...applied.value,
      skipped: plan.skipped.length,
      replaced: plan.deleteArticleIds.length,
      copies: plan.putArticles.filter((meta) => meta.canonicalUrl.includes('#readmark-copy-')).length,
    });
  } catch (error) {
    // Reading the library to plan failed (the write itself answers a Result).
    return err('library-unreadable', { detail: describeThrown(error) });
  }
}

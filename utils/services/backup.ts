import {
  type BackupCounts,
  type BackupSummary,
  BackupWriter,
  ImportPlanner,
  type ImportPolicy,
  type Rejection,
  readBackup,
  verifyBackup,
} from '@/utils/export';
import type { Sanitiser } from '@/utils/extraction';
import { describeThrown, err, ok, type Result } from '@/utils/model';
import {
  applyImportStream,
  getSetting,
  type ImportBatch,
  type ImportCounts,
  type ReadmarkDb,
  readCanonicalUrlIndex,
  readLibraryInPages,
  type SettingRecord,
} from '@/utils/storage';
import { checkBackupSettings } from './backup-settings';
import { snapshotAfterImport } from './library-snapshot';

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

const reporter = (onProgress: StepOptions['onProgress'], step: BackupStep) => (done: number, total: number) =>
  onProgress?.(step, done, total);

/** Progress over a file's bytes, as a percentage (the records in it are not known before the end). */
const percent = (onProgress: StepOptions['onProgress'], step: BackupStep) => (done: number, total: number) =>
  onProgress?.(step, total ? Math.floor((done / total) * 100) : 100, 100);

/**
 * The whole library as a backup file: read a page at a time (one snapshot) and written as it is
 * read, then the pictures one by one, then verified by reading the file back. The file is a Blob
 * built from parts, never one string: memory holds a page of articles, not the library. A backup
 * that fails its check is an error, never a file to offer.
 */
export async function makeBackup(
  db: ReadmarkDb,
  { onProgress, signal, now = new Date() }: StepOptions & { now?: Date } = {},
): Promise<Result<{ file: Blob; counts: BackupCounts; fileName: string }>> {
  const writer = new BackupWriter(now);
  const read = await readLibraryInPages(
    db,
    {
      settings: (settings) => writer.setSettings(settings),
      articles: (page) => {
        for (const article of page) writer.article(article);
      },
      highlights: (page) => {
        for (const highlight of page) writer.highlight(highlight);
      },
      reviewCards: (page) => {
        for (const card of page) writer.reviewCard(card);
      },
      reviewLog: (page) => {
        for (const line of page) writer.reviewLog(line);
      },
    },
    { signal, onProgress: reporter(onProgress, 'reading') },
  );
  if (!read.ok) return read;
  // Pictures after the read transaction (their bytes cannot be awaited inside it), one at a time.
  const writing = reporter(onProgress, 'writing');
  let written = 0;
  writing(0, read.value.pictures.size);
  for (const [hash, blob] of read.value.pictures) {
    if (signal?.aborted) return err('cancelled');
    writer.image({ hash, type: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) });
    writing(++written, read.value.pictures.size);
  }
  const file = writer.finish();
  const counts = { articles: read.value.articles, highlights: read.value.highlights };
  const verified = await verifyBackup(file, counts, { signal, onProgress: percent(onProgress, 'checking') });
  if (!verified.ok) return verified;
  return ok({ file, counts, fileName: backupFileName(now) });
}

/** A backup file read and checked, ready to show before importing (the file itself is read again to import). */
export interface BackupPreview {
  file: Blob;
  exportedAt: string | null;
  /** Records of the file that pass their checks and will be imported (unless the policy skips them). */
  articles: number;
  highlights: number;
  /** Review schedules and log lines that passed their checks. */
  reviewCards: number;
  reviewLog: number;
  /** The pictures that passed their checks (the import takes only links to these). */
  images: ReadonlySet<string>;
  /** Settings whose values passed their check. */
  settings: SettingRecord[];
  /** Records of the file that will not be imported, with reasons (articles, highlights, settings). */
  rejected: Rejection[];
  /** Articles of the file whose canonical URL the library already has (the policy decides). */
  duplicates: number;
}

/** Reads and checks a backup file as a stream against the current library; nothing is written. */
export async function previewBackup(
  db: ReadmarkDb,
  file: Blob | string,
  { onProgress, signal }: StepOptions = {},
): Promise<Result<BackupPreview>> {
  const blob = typeof file === 'string' ? new Blob([file], { type: 'application/json' }) : file;
  const existing = await readCanonicalUrlIndex(db);
  let duplicates = 0;
  const records = readBackup(blob, { signal, onProgress: percent(onProgress, 'checking') });
  for (;;) {
    const next = await records.next();
    if (next.done) {
      if (!next.value.ok) return next.value;
      const summary = next.value.value;
      const settings = checkBackupSettings(summary.settings);
      return ok({
        file: blob,
        exportedAt: summary.exportedAt,
        articles: summary.articles,
        highlights: summary.highlights,
        reviewCards: summary.reviewCards,
        reviewLog: summary.reviewLog,
        images: summary.imageHashes,
        settings: settings.records,
        rejected: [...summary.rejected, ...settings.rejected],
        duplicates,
      });
    }
    if (next.value.kind === 'article' && existing.has(next.value.value.meta.canonicalUrl)) duplicates++;
  }
}

export interface ImportReport extends ImportCounts {
  skipped: number;
  replaced: number;
  copies: number;
}

// Weight of the records in one write batch: an article or highlight counts 1, a picture 1 per
// 100 KB, so a batch holds at most a few MB of bodies or about 20 MB of pictures.
const BATCH_WEIGHT = 200;
const PICTURE_WEIGHT_BYTES = 100 * 1024;

/**
 * Imports a previewed backup: reads the file again, record by record, plans each against the
 * library as it is now and writes it in batches, all inside ONE transaction (all or nothing,
 * cancel included, and a file that reads differently the second time is refused), sanitising
 * each body as it goes. Settings overwrite the reader's own only with policy 'replace';
 * otherwise only unset ones are added.
 */
export async function importBackup(
  db: ReadmarkDb,
  preview: BackupPreview,
  policy: ImportPolicy,
  sanitise: Sanitiser,
  { onProgress, signal }: StepOptions = {},
): Promise<Result<ImportReport>> {
  let planner: ImportPlanner;
  const putSettings: SettingRecord[] = [];
  try {
    planner = new ImportPlanner(await readCanonicalUrlIndex(db), policy);
    for (const record of preview.settings)
      if (policy === 'replace' || (await getSetting(db, record.key, undefined)) === undefined)
        putSettings.push(record);
  } catch (error) {
    return err('library-unreadable', { detail: describeThrown(error) });
  }
  const records = readBackup(preview.file, { signal, knownImages: preview.images });
  const total = preview.articles + preview.highlights;
  const importing = reporter(onProgress, 'importing');
  const report = { replaced: 0, copies: 0 };
  let read = 0;
  let finished = false;
  const next = async (): Promise<Result<ImportBatch | null>> => {
    if (finished) return ok(null);
    const batch = {
      deleteArticleIds: [] as string[],
      putArticles: [] as ImportBatch['putArticles'][number][],
      putContents: [] as ImportBatch['putContents'][number][],
      putHighlights: [] as ImportBatch['putHighlights'][number][],
      putImageLinks: [] as NonNullable<ImportBatch['putImageLinks']>[number][],
      putImages: [] as NonNullable<ImportBatch['putImages']>[number][],
      putReviewCards: [] as NonNullable<ImportBatch['putReviewCards']>[number][],
      putReviewLog: [] as NonNullable<ImportBatch['putReviewLog']>[number][],
    };
    for (let weight = 0; weight < BATCH_WEIGHT; ) {
      const step = await records.next();
      if (step.done) {
        if (!step.value.ok) return step.value;
        finished = true;
        const changed = changedSince(preview, step.value.value);
        if (changed) return err('backup-changed');
        break;
      }
      const record = step.value;
      if (record.kind === 'image') {
        if (planner.usesImage(record.value.hash)) batch.putImages.push(record.value);
        weight += 1 + record.value.bytes.length / PICTURE_WEIGHT_BYTES;
        continue;
      }
      weight++;
      // Review records are small and follow the highlights; the progress total counts articles and highlights.
      if (record.kind === 'review-card') {
        const card = planner.review(record.value);
        if (card) batch.putReviewCards.push(card);
        continue;
      }
      if (record.kind === 'review-log') {
        const line = planner.review(record.value);
        if (line) batch.putReviewLog.push(line);
        continue;
      }
      importing(++read, total);
      if (record.kind === 'highlight') {
        const highlight = planner.highlight(record.value);
        if (highlight) batch.putHighlights.push(highlight);
        continue;
      }
      const writes = planner.article(record.value);
      if (!writes) continue;
      if (writes.deleteArticleId !== null) {
        batch.deleteArticleIds.push(writes.deleteArticleId);
        report.replaced++;
      }
      if (writes.meta.canonicalUrl.includes('#readmark-copy-')) report.copies++;
      batch.putArticles.push(writes.meta);
      batch.putContents.push(writes.content);
      batch.putImageLinks.push(...writes.imageLinks);
    }
    return ok(batch);
  };
  const applied = await applyImportStream(db, next, { sanitise, signal, putSettings, total });
  if (!applied.ok) {
    // Ends the file's read where the import stopped (its reader lock is released).
    await records.return(err('cancelled'));
    return applied;
  }
  await snapshotAfterImport(db);
  return ok({ ...applied.value, ...report, skipped: planner.skipped.length });
}

/** True when a second read of the file does not match what the preview showed. */
function changedSince(preview: BackupPreview, summary: BackupSummary): boolean {
  return (
    summary.articles !== preview.articles ||
    summary.highlights !== preview.highlights ||
    summary.reviewCards !== preview.reviewCards ||
    summary.reviewLog !== preview.reviewLog ||
    summary.images !== preview.images.size
  );
}

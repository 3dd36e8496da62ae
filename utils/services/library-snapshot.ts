import { observe, type ReadmarkDb, refreshSummarySnapshot, summarySnapshotBehind } from '@/utils/storage';

/** Quiet time after the last change to the library before the snapshot is taken. */
const QUIET_MS = 2_000;
/**
 * Changed articles the library patches in at open without noticing (a few reads); past this,
 * the background takes a new snapshot.
 */
const PATCH_LIMIT = 100;

/**
 * Keeps the library's summary snapshot (utils/storage summary-snapshot.ts: the whole list in one
 * record) fresh from the background, so the library's first open after an install, an upgrade,
 * an import, a restore or a sync reads one record, not 10,000: when the snapshot is missing or
 * far behind, a new one is taken once the library has been quiet for QUIET_MS. The library's
 * search worker does the same while the library is open; both may, safely (saveSummarySnapshot
 * reads and writes in transactions, and never trims changes it did not read). Runs whenever the
 * background wakes (liveQuery answers at once, then after every change in any extension page).
 * Returns the function that stops it.
 */
export function setUpLibrarySnapshot(db: ReadmarkDb, quietMs = QUIET_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = observe(
    () => summarySnapshotBehind(db, PATCH_LIMIT),
    (behind) => {
      clearTimeout(timer);
      if (!behind) return;
      // A failure leaves the library reading its table: slower, never wrong.
      timer = setTimeout(() => void refreshSummarySnapshot(db, PATCH_LIMIT).catch(() => undefined), quietMs);
    },
    () => undefined,
  );
  return () => {
    stop();
    clearTimeout(timer);
  };
}

/**
 * Takes the snapshot at the end of an import or a restore, in the page that wrote it, when it
 * changed more articles than the library patches in: the background (which otherwise takes it
 * once the library is quiet) may be stopped meanwhile, as an MV3 service worker is after 30 s
 * without events, and would then take it only when something wakes it, after the library's first
 * open had read 10,000 records. A failure leaves the library reading its table: slower, never wrong.
 */
export async function snapshotAfterImport(db: ReadmarkDb): Promise<void> {
  await refreshSummarySnapshot(db, PATCH_LIMIT).catch(() => undefined);
}

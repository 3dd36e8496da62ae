import { loadSyncConfig, loadSyncStatus, type SyncStatus as Status } from '@/utils/services';
import type { ReadmarkDb } from '@/utils/storage';
import { errorMessage } from './error-message';
import { dateFormat } from './format';
import { t, tn } from './i18n';
import { useObserved } from './use-observed';

async function readStatus(db: ReadmarkDb): Promise<Status | null> {
  return (await loadSyncConfig(db)) ? loadSyncStatus(db) : null;
}

/**
 * The sync status lines: last successful sync, what waits to be sent, what the last merge kept
 * over a concurrent delete, the last error.
 */
export function SyncStatusLines({ status }: { status: Status }) {
  const when = status.lastSuccessAt
    ? t(
        'syncLastSuccess',
        dateFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(status.lastSuccessAt),
      )
    : t('syncNever');
  return (
    <>
      <span class="sync-when">{when}</span>
      {status.pending > 0 && <span class="sync-pending"> · {tn('syncPending', status.pending)}</span>}
      {status.kept && (
        <span class="sync-kept" role="status">
          {' '}
          ·{' '}
          {[
            status.kept.highlights > 0 ? tn('syncKeptHighlights', status.kept.highlights) : '',
            status.kept.articles > 0 ? tn('syncKeptArticles', status.kept.articles) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      )}
      {status.lastError && (
        <span class="sync-error" role="alert">
          {' '}
          · {errorMessage(status.lastError)}
        </span>
      )}
    </>
  );
}

/** One small line for the library and the popup; nothing while sync is not set up. */
export function SyncStatus({ db }: { db: ReadmarkDb }) {
  const observed = useObserved(() => readStatus(db), [db]);
  if (observed.kind !== 'ready' || !observed.value) return null;
  return (
    <p class="sync-status" data-testid="sync-status">
      <SyncStatusLines status={observed.value} />
    </p>
  );
}

import type { Rejection } from '@/utils/export';
import { t } from '../shared/i18n';

// A damaged file can reject thousands of records: the list shows the first ones and a count.
const SHOWN = 50;

/** The records of a backup file that will not be imported, each with its reason. */
export function RejectedRecords({ rejected }: { rejected: readonly Rejection[] }) {
  if (!rejected.length) return null;
  return (
    <div class="rejected notice" id="restore-rejected">
      <p>{t('restoreRejected', rejected.length.toLocaleString())}</p>
      <ul>
        {rejected.slice(0, SHOWN).map((rejection) => (
          <li key={`${rejection.kind}-${rejection.index}-${rejection.reason}`}>{describe(rejection)}</li>
        ))}
      </ul>
      {rejected.length > SHOWN && (
        <p>{t('restoreRejectedMore', (rejected.length - SHOWN).toLocaleString())}</p>
      )}
    </div>
  );
}

function describe({ kind, index, reason }: Rejection): string {
  const number = (index + 1).toLocaleString();
  if (kind === 'article') return t('rejectedArticle', [number, reason]);
  if (kind === 'highlight') return t('rejectedHighlight', [number, reason]);
  if (kind === 'review') return t('rejectedReview', [number, reason]);
  return t('rejectedSettings', reason);
}

import { useEffect, useRef } from 'preact/hooks';
import { t, tn } from '../shared/i18n';

/** How long a deletion can be undone (the deleted articles wait in memory until then). */
export const UNDO_MS = 10_000;

/**
 * "3 articles deleted · Undo", for UNDO_MS. Give it a new key per deletion: the window starts
 * when it mounts.
 */
export function UndoToast({ count, undo, dismiss }: { count: number; undo(): void; dismiss(): void }) {
  const latestDismiss = useRef(dismiss);
  latestDismiss.current = dismiss;
  useEffect(() => {
    const timer = setTimeout(() => latestDismiss.current(), UNDO_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div class="toast" role="status">
      <span>{tn('deleted', count)}</span>
      <button type="button" id="undo-delete" onClick={undo}>
        {t('undo')}
      </button>
    </div>
  );
}

import { useState } from 'preact/hooks';
import { formatRemovedSummary } from '@/utils/extraction';
import type { RemovedBlock } from '@/utils/model';
import { t } from '../shared/i18n';

interface Props {
  removed: RemovedBlock[];
  /** Indexes of blocks the reader chose to keep. */
  kept: ReadonlySet<number>;
  onKeep(index: number): void;
}

/**
 * "Removed: comment form, newsletter box, 2 related links" under the preview, with the blocks
 * behind it and a way to keep any of them in the article before saving.
 */
export function RemovedBlocks({ removed, kept, onKeep }: Props) {
  const [open, setOpen] = useState(false);
  const left = removed.filter((_, index) => !kept.has(index));
  if (removed.length === 0) return null;
  return (
    <section class="removed" aria-label={t('removedTitle')}>
      <p class="meta" id="removed-summary">
        {left.length > 0 ? formatRemovedSummary(left) : t('removedAllKept')}{' '}
        <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('removedHide') : t('removedShow')}
        </button>
      </p>
      {open && (
        <ul class="removed-list">
          {removed.map((block, index) => (
            <li key={`${block.rule}-${index}`}>
              <strong>{block.label}</strong>
              <span class="removed-sample">{block.sample}</span>
              {kept.has(index) ? (
                <span class="ok">{t('removedKept')}</span>
              ) : (
                <button type="button" class="keep" onClick={() => onKeep(index)}>
                  {t('removedKeep')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

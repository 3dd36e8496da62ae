import { useState } from 'preact/hooks';
import { normaliseTag } from '@/utils/search';
import { t, tn } from '../shared/i18n';

export interface BulkActions {
  addTag(tag: string): void;
  archive(archived: boolean): void;
  favourite(favourite: boolean): void;
  markRead(read: boolean): void;
  remove(): void;
  selectAll(): void;
  clear(): void;
}

/** What can be done to the selected articles; shown while any is selected. */
interface Props {
  count: number;
  total: number;
  actions: BulkActions;
  /** Absent until export is wired: then the action is not offered. */
  onExport?: () => void;
}

export function BulkBar({ count, total, actions, onExport }: Props) {
  const [tag, setTag] = useState('');
  const submitTag = (event: Event) => {
    event.preventDefault();
    const normalised = normaliseTag(tag);
    if (normalised === null) return;
    actions.addTag(normalised);
    setTag('');
  };
  return (
    <section class="bulk-bar" aria-label={t('bulkLabel')}>
      <p class="bulk-count" role="status">
        {tn('selectedCount', count)}
      </p>
      <div class="bulk-actions">
        {count < total && (
          <button type="button" onClick={actions.selectAll}>
            {t('selectAll', String(total))}
          </button>
        )}
        <button type="button" onClick={actions.clear}>
          {t('clearSelection')}
        </button>
        <form class="bulk-tag" onSubmit={submitTag}>
          <input
            id="bulk-tag-input"
            aria-label={t('tagToAdd')}
            value={tag}
            placeholder={t('tagToAdd')}
            onInput={(e) => setTag(e.currentTarget.value)}
          />
          <button type="submit">{t('addTag')}</button>
        </form>
        <button type="button" onClick={() => actions.favourite(true)}>
          {t('favourite')}
        </button>
        <button type="button" onClick={() => actions.markRead(true)}>
          {t('markRead')}
        </button>
        <button type="button" onClick={() => actions.markRead(false)}>
          {t('markUnread')}
        </button>
        <button type="button" onClick={() => actions.archive(true)}>
          {t('archive')}
        </button>
        <button type="button" onClick={() => actions.archive(false)}>
          {t('unarchive')}
        </button>
        {onExport && (
          <button type="button" onClick={onExport}>
            {t('exportSelected')}
          </button>
        )}
        <button type="button" class="danger" onClick={actions.remove}>
          {t('delete')}
        </button>
      </div>
    </section>
  );
}

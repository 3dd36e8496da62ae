import { useState } from 'preact/hooks';
import { normaliseTag, type TagCount } from '@/utils/search';
import { t } from '../shared/i18n';

interface Props {
  tags: readonly TagCount[];
  rename(from: string, to: string): void;
  remove(tag: string): void;
}

/** Every tag in use, to rename (or merge into another) or remove across the library. */
export function TagManager({ tags, rename, remove }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  // The list is built when the reader opens it: hundreds of tags would cost the library's first
  // moments for a panel that is closed.
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  if (tags.length === 0) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    const to = normaliseTag(name);
    if (editing !== null && to !== null) rename(editing, to);
    setEditing(null);
  };
  return (
    <details class="tag-manager" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('manageTags')}</summary>
      {open && (
        <ul>
          {tags.map(({ tag, count }) => (
            <li key={tag}>
              {editing === tag ? (
                <form onSubmit={submit}>
                  <label>
                    {t('renameTagTo', tag)}{' '}
                    <input
                      value={name}
                      onInput={(e) => setName(e.currentTarget.value)}
                      ref={(input) => input?.focus()}
                      onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                    />
                  </label>
                  <button type="submit">{t('rename')}</button>
                </form>
              ) : (
                <>
                  <span class="tag">{tag}</span> <span class="meta">{count.toLocaleString()}</span>{' '}
                  <button
                    type="button"
                    aria-label={t('renameTag', tag)}
                    onClick={() => {
                      setEditing(tag);
                      setName(tag);
                    }}
                  >
                    {t('rename')}
                  </button>{' '}
                  <button type="button" aria-label={t('removeTag', tag)} onClick={() => remove(tag)}>
                    {t('remove')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

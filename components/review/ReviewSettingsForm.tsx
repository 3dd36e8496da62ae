import { useEffect, useState } from 'preact/hooks';
import type { ReviewSettings } from '@/utils/model';
import { t } from '../shared/i18n';

interface Props {
  settings: ReviewSettings;
  onSave(settings: ReviewSettings): Promise<void>;
}

/** Which highlights become cards (length in words) and how many new ones a day. */
export function ReviewSettingsForm({ settings, onSave }: Props) {
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(settings), [settings]);
  const field = (key: 'minWords' | 'maxWords' | 'newPerDay', label: string) => (
    <label class="review-setting">
      <span>{label}</span>
      <input
        type="number"
        min={key === 'newPerDay' ? 1 : 0}
        max={1000}
        step={1}
        value={draft[key]}
        onInput={(e) => {
          setSaved(false);
          setDraft({ ...draft, [key]: Math.max(0, Math.round(Number(e.currentTarget.value) || 0)) });
        }}
      />
    </label>
  );
  return (
    <details class="review-settings">
      <summary>{t('reviewSettings')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await onSave(draft);
          setSaved(true);
        }}
      >
        {field('minWords', t('reviewMinWords'))}
        {field('maxWords', t('reviewMaxWords'))}
        {field('newPerDay', t('reviewNewPerDay'))}
        <button type="submit">{t('reviewSaveSettings')}</button>
        <p role="status">{saved ? t('reviewSettingsSaved') : ''}</p>
      </form>
    </details>
  );
}

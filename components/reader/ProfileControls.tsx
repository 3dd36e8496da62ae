import { useRef, useState } from 'preact/hooks';
import { downloadFile, FILE_TYPES } from '../shared/download';
import { errorMessage } from '../shared/error-message';
import { t } from '../shared/i18n';
import {
  currentProfile,
  exportProfile,
  importProfile,
  type ProfileName,
  presetChange,
  profileChange,
  type TextPreset,
} from './reader-profiles';
import type { ReaderSettings } from './reader-settings';

interface Props {
  settings: ReaderSettings;
  update(change: Partial<ReaderSettings>): void;
}

const PROFILE_LABELS: Record<ProfileName, Parameters<typeof t>[0]> = {
  dyslexia: 'profileDyslexia',
  lowVision: 'profileLowVision',
  focus: 'profileFocus',
};
const PRESET_LABELS: Record<TextPreset, Parameters<typeof t>[0]> = {
  wcag: 'presetWcag',
  largePrint: 'presetLargePrint',
};

/**
 * The top of the settings panel: one-click profiles (pressed while the settings match one), the
 * two text presets, and the profile file (export to carry it elsewhere, import to apply one).
 */
export function ProfileControls({ settings, update }: Props) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const active = currentProfile(settings);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const result = importProfile(await file.text(), settings);
    if (result.ok) {
      update(result.value);
      setMessage({ text: t('profileImported'), error: false });
    } else setMessage({ text: errorMessage(result.error), error: true });
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <>
      <fieldset class="reader-buttons" aria-describedby="reader-profiles-help">
        <legend>{t('profilesLabel')}</legend>
        {(Object.keys(PROFILE_LABELS) as ProfileName[]).map((name) => (
          <button
            key={name}
            type="button"
            data-profile={name}
            aria-pressed={active === name}
            onClick={() => update(profileChange(name))}
          >
            {t(PROFILE_LABELS[name])}
          </button>
        ))}
      </fieldset>
      <p id="reader-profiles-help" class="reader-help">
        {t('profilesHelp')}
      </p>
      <fieldset class="reader-buttons">
        <legend>{t('presetsLabel')}</legend>
        {(Object.keys(PRESET_LABELS) as TextPreset[]).map((preset) => (
          <button
            key={preset}
            type="button"
            data-preset={preset}
            onClick={() => update(presetChange(settings, preset))}
          >
            {t(PRESET_LABELS[preset])}
          </button>
        ))}
      </fieldset>
      <div class="reader-buttons">
        <button
          type="button"
          id="reader-profile-export"
          onClick={() =>
            downloadFile('readmark-reading-profile.json', exportProfile(settings), FILE_TYPES.json)
          }
        >
          {t('profileExport')}
        </button>
        <button type="button" id="reader-profile-import" onClick={() => fileInput.current?.click()}>
          {t('profileImport')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(event) => void onFile(event.currentTarget.files?.[0])}
        />
      </div>
      <p role="status" class={message?.error ? 'notice' : 'reader-help'} hidden={!message}>
        {message?.text}
      </p>
    </>
  );
}

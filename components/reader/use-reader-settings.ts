import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getSetting, observe, type ReadmarkDb, setSetting } from '@/utils/storage';
import { t } from '../shared/i18n';
import {
  DEFAULT_READER_SETTINGS,
  parseReaderSettings,
  type ReaderSettings,
  SETTINGS_KEY,
} from './reader-settings';

export interface ReaderSettingsState {
  settings: ReaderSettings;
  /** False until the stored settings were read (the page paints nothing settings-dependent before). */
  loaded: boolean;
  /** Why the last change could not be saved, or null. */
  error: string | null;
  update(change: Partial<ReaderSettings>): void;
}

/**
 * The reader's settings, read from the database (validated, with defaults) and kept in sync with
 * other reader tabs; `update` applies a change at once and persists it.
 */
export function useReaderSettings(db: ReadmarkDb): ReaderSettingsState {
  const [settings, setSettings] = useState(DEFAULT_READER_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // While our own writes are in flight the database lags behind the sliders: its echoes are ignored.
  const writing = useRef(0);

  useEffect(
    () =>
      observe(
        () => getSetting<unknown>(db, SETTINGS_KEY, null),
        (stored) => {
          if (writing.current > 0) return;
          setSettings(parseReaderSettings(stored));
          setLoaded(true);
        },
        (cause) => {
          setError(t('errorSettings', String(cause)));
          setLoaded(true);
        },
      ),
    [db],
  );

  const update = useCallback(
    (change: Partial<ReaderSettings>) => {
      const next = parseReaderSettings({ ...settings, ...change });
      setSettings(next);
      writing.current++;
      setSetting(db, SETTINGS_KEY, next)
        .then(
          () => setError(null),
          (cause) => setError(t('errorSettings', String(cause))),
        )
        .finally(() => writing.current--);
    },
    [db, settings],
  );

  return { settings, loaded, error, update };
}

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type ColorNames, HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/model';
import { AUTO_REPAINT_ORIGINS, readColorNames } from '@/utils/services';
import { type ReadmarkDb, setSetting, storageError } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { HIGHLIGHT_PAINT } from '../shared/highlight-colors';
import { t } from '../shared/i18n';

const MAX_NAME = 64;

/** "Highlights": the names of the colours, and the optional repaint on every visit. */
export function HighlightsSection({ db }: { db: ReadmarkDb }) {
  return (
    <section class="settings-section" aria-labelledby="highlights-title">
      <h2 id="highlights-title">{t('highlightSettingsTitle')}</h2>
      <ColorNamesForm db={db} />
      <AutoRepaint />
    </section>
  );
}

function ColorNamesForm({ db }: { db: ReadmarkDb }) {
  const [names, setNames] = useState<ColorNames | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    void readColorNames(db).then(setNames);
  }, [db]);
  if (!names) return null;

  const save = async (color: HighlightColor, value: string) => {
    const name = value.trim();
    if (!name || name.length > MAX_NAME) {
      setStatus(t('colorNameInvalid', String(MAX_NAME)));
      return;
    }
    const next = { ...names, [color]: name };
    setNames(next);
    try {
      await setSetting(db, 'colorNames', next);
      setStatus(t('colorNamesSaved'));
    } catch (error) {
      setStatus(errorMessage(storageError(error)));
    }
  };

  return (
    <fieldset class="color-names">
      <legend>{t('colorNamesLegend')}</legend>
      {HIGHLIGHT_COLORS.map((color) => (
        <label key={color} class="color-name">
          <span
            class="color-dot"
            style={{ background: HIGHLIGHT_PAINT[color].background }}
            aria-hidden="true"
          />
          <span class="visually-hidden">{t('colorNameLabel', color)}</span>
          <input
            type="text"
            name={`color-${color}`}
            maxLength={MAX_NAME}
            value={names[color]}
            onChange={(event) => save(color, (event.target as HTMLInputElement).value)}
          />
        </label>
      ))}
      {status && (
        <p role="status" class="meta">
          {status}
        </p>
      )}
    </fieldset>
  );
}

function AutoRepaint() {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void browser.permissions.contains({ origins: AUTO_REPAINT_ORIGINS }).then(setGranted);
  }, []);

  // Asked for only here, on the reader's own click, with the reason right beside the switch.
  const toggle = async (on: boolean) => {
    setError(null);
    // Until the browser's prompt is answered the switch shows neither state.
    setGranted(null);
    try {
      const changed = on
        ? await browser.permissions.request({ origins: AUTO_REPAINT_ORIGINS })
        : await browser.permissions.remove({ origins: AUTO_REPAINT_ORIGINS });
      setGranted(changed ? on : !on);
    } catch (failure) {
      setGranted(await browser.permissions.contains({ origins: AUTO_REPAINT_ORIGINS }));
      setError(String(failure));
    }
  };

  return (
    <div class="auto-repaint">
      <label>
        <input
          type="checkbox"
          id="auto-repaint"
          checked={granted === true}
          disabled={granted === null}
          onChange={(event) => toggle((event.target as HTMLInputElement).checked)}
        />{' '}
        {t('autoRepaintLabel')}
      </label>
      <p class="meta">{t('autoRepaintExplain')}</p>
      {error && (
        <p role="alert" class="notice">
          {error}
        </p>
      )}
    </div>
  );
}

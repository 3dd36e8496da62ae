import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { ChoiceGroup } from './ChoiceGroup';
import { RangeField } from './RangeField';
import {
  READER_RANGES,
  type ReaderFont,
  type ReaderTheme,
  type ReaderSettings as Settings,
} from './reader-settings';

interface Props {
  settings: Settings;
  update(change: Partial<Settings>): void;
}

const PANEL_ID = 'reader-settings-panel';

/**
 * The "Aa" button and the settings it opens: font, text size, line spacing, line length and theme.
 * A disclosure: the panel follows the button in tab order; Escape, a click elsewhere or tabbing
 * out of it closes it.
 */
export function ReaderSettings({ settings, update }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div class="reader-settings" ref={root}>
      <button
        type="button"
        id="reader-settings-toggle"
        ref={toggle}
        aria-expanded={open}
        aria-controls={PANEL_ID}
        title={t('readingSettings')}
        onClick={() => setOpen(!open)}
      >
        {/* Named "Aa Reading settings": the visible text stays part of the name (voice control). */}
        Aa<span class="visually-hidden"> {t('readingSettings')}</span>
      </button>
      {open && (
        <section
          id={PANEL_ID}
          class="reader-popover"
          aria-label={t('readingSettings')}
          onKeyDown={(event) => event.key === 'Escape' && close()}
          onFocusOut={(event) => {
            // Tabbing out of the panel (not into the button that toggles it) closes it.
            const next = event.relatedTarget as Node | null;
            if (next && !root.current?.contains(next)) setOpen(false);
          }}
        >
          <ChoiceGroup<ReaderFont>
            name="font"
            legend={t('fontLabel')}
            value={settings.font}
            choices={[
              { value: 'serif', label: t('fontSerif') },
              { value: 'sans', label: t('fontSans') },
              { value: 'legible', label: t('fontLegible') },
            ]}
            onChange={(font) => update({ font })}
          />
          <RangeField
            id="reader-font-size"
            label={t('fontSize')}
            {...READER_RANGES.fontSize}
            value={settings.fontSize}
            valueText={t('pixels', String(settings.fontSize))}
            onChange={(fontSize) => update({ fontSize })}
          />
          <RangeField
            id="reader-line-height"
            label={t('lineHeight')}
            {...READER_RANGES.lineHeight}
            value={settings.lineHeight}
            valueText={settings.lineHeight.toLocaleString(undefined, { minimumFractionDigits: 1 })}
            onChange={(lineHeight) => update({ lineHeight })}
          />
          <RangeField
            id="reader-width"
            label={t('lineLength')}
            {...READER_RANGES.width}
            value={settings.width}
            valueText={t('charactersPerLine', String(settings.width))}
            onChange={(width) => update({ width })}
          />
          <ChoiceGroup<ReaderTheme>
            name="theme"
            legend={t('themeLabel')}
            value={settings.theme}
            choices={[
              { value: 'system', label: t('themeSystem') },
              { value: 'light', label: t('themeLight') },
              { value: 'sepia', label: t('themeSepia') },
              { value: 'dark', label: t('themeDark') },
            ]}
            onChange={(theme) => update({ theme })}
          />
        </section>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { ChoiceGroup } from './ChoiceGroup';
import { ProfileControls } from './ProfileControls';
import { RangeField } from './RangeField';
import {
  DEFAULT_READER_SETTINGS,
  type LineFocusMode,
  READER_RANGES,
  type ReaderFont,
  type ReaderTheme,
  type ReaderSettings as Settings,
  wordSpacingFloor,
} from './reader-settings';

interface Props {
  settings: Settings;
  update(change: Partial<Settings>): void;
}

const PANEL_ID = 'reader-settings-panel';

/** The spacing sliders, each in multiples of the text size (as WCAG 1.4.12 states its values). */
const SPACINGS = [
  { key: 'letterSpacing', id: 'reader-letter-spacing', label: 'letterSpacing' },
  { key: 'wordSpacing', id: 'reader-word-spacing', label: 'wordSpacing' },
  { key: 'paragraphSpacing', id: 'reader-paragraph-spacing', label: 'paragraphSpacing' },
] as const;

/**
 * The "Aa" button and the settings it opens: profiles and presets, font, text size, line, letter,
 * word and paragraph spacing, line length, theme and line focus.
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
          <ProfileControls settings={settings} update={update} />
          <ChoiceGroup<ReaderFont>
            name="font"
            legend={t('fontLabel')}
            value={settings.font}
            choices={[
              { value: 'serif', label: t('fontSerif') },
              { value: 'sans', label: t('fontSans') },
              { value: 'atkinson', label: 'Atkinson Hyperlegible' },
              { value: 'lexend', label: 'Lexend' },
              { value: 'andika', label: 'Andika' },
              { value: 'opendyslexic', label: 'OpenDyslexic' },
            ]}
            describedBy="reader-font-help"
            onChange={(font) => update({ font })}
          />
          <p id="reader-font-help" class="reader-help">
            {t('fontHelp')}
          </p>
          <RangeField
            id="reader-font-size"
            label={t('fontSize')}
            {...READER_RANGES.fontSize}
            value={settings.fontSize}
            valueText={t('pixelsPercent', [
              String(settings.fontSize),
              String(Math.round((settings.fontSize / DEFAULT_READER_SETTINGS.fontSize) * 100)),
            ])}
            onChange={(fontSize) => update({ fontSize })}
          />
          <RangeField
            id="reader-line-height"
            label={t('lineHeight')}
            {...READER_RANGES.lineHeight}
            value={settings.lineHeight}
            valueText={decimal(settings.lineHeight, 1)}
            onChange={(lineHeight) => update({ lineHeight })}
          />
          {SPACINGS.map(({ key, id, label }) => (
            <RangeField
              key={key}
              id={id}
              label={t(label)}
              {...READER_RANGES[key]}
              // Word spacing never goes below what the letter spacing calls for: its floor moves with it.
              min={key === 'wordSpacing' ? wordSpacingFloor(settings.letterSpacing) : READER_RANGES[key].min}
              value={settings[key]}
              valueText={t('timesTextSize', decimal(settings[key], 2))}
              onChange={(value) => update({ [key]: value })}
            />
          ))}
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
          <ChoiceGroup<LineFocusMode>
            name="focus"
            legend={t('lineFocus')}
            value={settings.focus}
            choices={[
              { value: 'off', label: t('lineFocusOff') },
              { value: 'line1', label: t('lineFocusOne') },
              { value: 'line3', label: t('lineFocusThree') },
              { value: 'line5', label: t('lineFocusFive') },
              { value: 'ruler', label: t('lineFocusRuler') },
            ]}
            describedBy="reader-focus-help"
            onChange={(focus) => update({ focus })}
          />
          <p id="reader-focus-help" class="reader-help">
            {t('lineFocusHelp')}
          </p>
          {settings.focus !== 'off' && settings.focus !== 'ruler' && (
            <RangeField
              id="reader-focus-dim"
              label={t('lineFocusDim')}
              {...READER_RANGES.focusDim}
              value={settings.focusDim}
              valueText={`${Math.round(settings.focusDim * 100)} %`}
              onChange={(focusDim) => update({ focusDim })}
            />
          )}
        </section>
      )}
    </div>
  );
}

/** A number in the UI language's notation ("0,12" in French). */
function decimal(value: number, digits: number): string {
  return value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

import { t } from '../shared/i18n';

const SHORTCUTS = [
  ['/', 'shortcutSearch'],
  ['j / k', 'shortcutMove'],
  ['Enter', 'shortcutOpen'],
  ['e', 'shortcutArchive'],
  ['s', 'shortcutFavourite'],
  ['x', 'shortcutSelect'],
  ['z', 'shortcutUndo'],
] as const;

/** The keyboard shortcuts, one click (or Enter) away. */
export function ShortcutsHelp() {
  return (
    <details class="shortcuts">
      <summary>{t('shortcutsTitle')}</summary>
      <dl>
        {SHORTCUTS.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../shared/i18n';

interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/**
 * The keyboard shortcuts: the browser-wide ones as the browser has them now (the reader may have
 * changed or cleared them), and the reader view's own keys.
 */
export function ShortcutsSection() {
  const [commands, setCommands] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    browser.commands.getAll().then(
      (all) =>
        setCommands(
          all.map((command) => ({
            name: command.name ?? '',
            // Chrome gives the toolbar command no description of its own.
            description:
              command.name === '_execute_action' || command.name === '_execute_browser_action'
                ? t('commandSave')
                : (command.description ?? command.name ?? ''),
            shortcut: command.shortcut ?? '',
          })),
        ),
      () => setCommands([]),
    );
  }, []);
  const reader: [string, string][] = [
    ['L', t('shortcutListen')],
    ['[ ]', t('shortcutSentences')],
    ['{ }', t('shortcutParagraphs')],
    ['↑ ↓', t('shortcutLineFocus')],
  ];
  return (
    <section class="settings-section" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">{t('shortcutsTitle')}</h2>
      <dl id="shortcuts-browser" class="shortcuts">
        {commands?.map((command) => (
          <div key={command.name}>
            <dt>{command.shortcut ? <kbd>{command.shortcut}</kbd> : t('shortcutNotSet')}</dt>
            <dd>{command.description}</dd>
          </div>
        ))}
      </dl>
      <p class="meta">{t('shortcutsChange')}</p>
      <h3>{t('shortcutsReader')}</h3>
      <dl id="shortcuts-reader" class="shortcuts">
        {reader.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

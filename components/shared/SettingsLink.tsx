import { browser } from 'wxt/browser';
import { t } from './i18n';

/**
 * Opens Readmark's settings (the options page) in a tab, or focuses it where it is open already.
 * From the popup the popup then closes, as it does for the library.
 */
export function SettingsLink({ closeWindow = false }: { closeWindow?: boolean }) {
  const open = async () => {
    await browser.runtime.openOptionsPage();
    if (closeWindow) window.close();
  };
  return (
    <button type="button" class="settings-link" onClick={open}>
      {t('openSettings')}
    </button>
  );
}

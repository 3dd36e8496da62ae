import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getSetting, type ReadmarkDb, setSetting } from '@/utils/storage';
import { t } from '../shared/i18n';

/** Set once the reader answers "Got it" to the hint below: it is never shown again. */
export const PIN_HINT_DISMISSED = 'popup.pinHintDismissed';

/** `action.getUserSettings` (Chrome 91+, Firefox 118+), which wxt's types may not have yet. */
type ActionWithUserSettings = { getUserSettings?(): Promise<{ isOnToolbar?: boolean }> };

/**
 * Whether to suggest pinning: the browser says Readmark's button is not on the toolbar, and the
 * reader has not dismissed the hint. False where the browser cannot tell, and in Firefox, where
 * the cost was not measured (it opens an unpinned button's popup from its extensions panel).
 */
export async function pinHintWanted(db: ReadmarkDb, userAgent = navigator.userAgent): Promise<boolean> {
  const action = browser.action as unknown as ActionWithUserSettings | undefined;
  if (!action?.getUserSettings || userAgent.includes('Firefox')) return false;
  const [settings, dismissed] = await Promise.all([
    action.getUserSettings(),
    getSetting(db, PIN_HINT_DISMISSED, false),
  ]);
  return settings.isOnToolbar === false && dismissed !== true;
}

/**
 * Suggests pinning Readmark's button. Chrome moves a button that is not pinned out of the
 * extensions menu into the toolbar before it starts loading its popup: about 230 ms of every
 * click, more than the whole preview takes (README, preview speed, fourth round;
 * `npm run bench:preview-bisect`). Asked after the preview shows, so it never delays it.
 */
export function PinHint({ db }: { db: ReadmarkDb }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let live = true;
    // A browser that cannot answer simply gets no hint.
    pinHintWanted(db)
      .then((wanted) => live && setShown(wanted))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [db]);
  if (!shown) return null;
  const dismiss = () => {
    setShown(false);
    void setSetting(db, PIN_HINT_DISMISSED, true).catch(() => undefined);
  };
  return (
    <p class="meta" id="pin-hint">
      {t('pinHint')}{' '}
      <button type="button" id="pin-hint-dismiss" onClick={dismiss}>
        {t('pinHintDismiss')}
      </button>
    </p>
  );
}

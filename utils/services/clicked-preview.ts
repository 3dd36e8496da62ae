import { browser } from 'wxt/browser';
import type { ClickedPreview } from '@/utils/messaging';
import { ok, type Result } from '@/utils/model';
import { extractPage } from './extract-page';
import { CLICKED_PARAM, readTabPage } from './read-tab-page';
import { attachPageScript, type CaptureInjection, injectCaptureScript, restrictedReason } from './tab-access';

const POPUP = 'popup.html';

/**
 * Chrome: the toolbar click comes here (no popup set, so action.onClicked fires, activeTab
 * granted) and the tab's capture and extraction start at once, before the popup's page has begun
 * loading; the popup, opened here with ?clicked, takes the reading (takeClickedPreview) instead of
 * starting its own once its first script runs. The keyboard shortcut (_execute_action) takes the
 * same way. The setting outlives the worker: a click on a stopped worker starts it and comes here
 * (≈70 ms later); the manifest's popup would not be quicker, as its message to the offscreen
 * document waits for the worker to start as well (README, preview speed, fifth round). Until the worker
 * first runs in a session, where Chrome refuses openPopup, and in Firefox, the manifest's popup
 * reads the tab itself.
 */
export function setUpClickedPreview(): { takeClickedPreview: () => Promise<Result<ClickedPreview | null>> } {
  let started: { tabId: number; reading: Promise<Omit<ClickedPreview, 'tabId'>> } | null = null;
  const takeClicks = () => void browser.action.setPopup({ popup: '' });

  if (browser.offscreen && 'openPopup' in browser.action) {
    browser.action.onClicked.addListener((tab) => {
      if (tab.id === undefined) return;
      // The popup's page is asked for first: its loading and the tab's reading then overlap.
      const opened = openClickedPopup(tab.windowId);
      const reading = readClickedTab({ id: tab.id, url: tab.url });
      started = { tabId: tab.id, reading };
      void opened.then((open) => {
        if (open) return takeClicks();
        // No popup to take the reading: drop it. And where Chrome refuses openPopup (before
        // Chrome 127 only policy-installed extensions may call it), the next click must not be
        // lost too: the manifest's popup takes the clicks until the worker starts again.
        if (started?.reading === reading) started = null;
        void browser.action.setPopup({ popup: POPUP });
      });
    });
    takeClicks();
  }

  return {
    /** The reading started at the last click, once: a second popup (or another tab's) reads for itself. */
    async takeClickedPreview() {
      const taken = started;
      started = null;
      return ok(taken && { tabId: taken.tabId, ...(await taken.reading) });
    },
  };
}

/** Opens the popup (with ?clicked) over `windowId`; answers whether it opened. */
async function openClickedPopup(windowId: number): Promise<boolean> {
  try {
    await browser.action.setPopup({ popup: `${POPUP}?${CLICKED_PARAM}` });
    await browser.action.openPopup({ windowId });
    return true;
  } catch (error) {
    console.warn('Readmark: the popup did not open', error);
    return false;
  }
}

/** The popup's reading of a tab, done here: extracted in the offscreen document's Worker. */
function readClickedTab(tab: { id: number; url?: string }): Promise<Omit<ClickedPreview, 'tabId'>> {
  let timing: ClickedPreview['timing'] = null;
  const reading = readTabPage(
    {
      offscreenOpen: Promise.resolve(true),
      tab: Promise.resolve(tab),
      injection: Promise.resolve(restrictedReason(tab.url) ? null : injectAtClick(tab.id)),
    },
    {
      extraction: Promise.resolve((capture) =>
        extractPage(capture, (t) => {
          timing = t;
        }),
      ),
      attach: attachPageScript,
    },
  ).then((read) => ({ reading: read, timing }));
  // Answered to the popup when it asks; never an unhandled rejection meanwhile.
  reading.catch(() => undefined);
  return reading;
}

/**
 * The capture script's injection at the click. Injected a few ms after the click, it can reach
 * the tab's renderer before the click's activeTab grant does and be refused ("Cannot access
 * contents of the page", once in about 50 clicks in npm run bench:preview): refused, it is tried
 * once more a moment later, when the popup's own injection would have been made.
 */
async function injectAtClick(tabId: number): Promise<CaptureInjection> {
  const first = await injectCaptureScript(tabId);
  if (first.ok) return first;
  await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
  return injectCaptureScript(tabId);
}

const RETRY_AFTER_MS = 50;

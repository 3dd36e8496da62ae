import { chromium } from 'playwright-core';

/**
 * Chromium features the tests' browsers turn off, beside those Playwright turns off itself. Each
 * one is a part of Chrome's own window that no test uses and that costs CPU in every browser.
 *
 * - The address bar's dropdown is a WebUI page (chrome://omnibox-popup.top-chrome/ and its
 *   AI-mode twin) that Chromium 156 loads in a renderer of its own when a window opens, before
 *   anyone types: 0.5-0.8 CPU-s a launch (README "Tests", session 13), some fifty launches a run.
 *   No test types in the address bar; pages, the toolbar button, the popup, the extension's pages
 *   and its service worker are untouched.
 */
const OURS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

let merged: Promise<{ playwrights: string; all: string }> | undefined;

/**
 * Chromium reads only the last `--disable-features` it is given, and Playwright gives its own list
 * (features that would reach Google's servers, repaint timing, storage partitioning…): a second
 * switch would silently turn those back on. Playwright does not export its list, but spells out
 * its command line in the error of a launch that fails, so one launch of a program that exits at
 * once (`/bin/true`, about 40 ms) reads it; `playwrights` is that switch (to leave out), `all`
 * the merged one. Read once per process.
 */
export function disabledFeatures(): Promise<{ playwrights: string; all: string }> {
  merged ??= readPlaywrightsSwitch().then((playwrights) => ({
    playwrights,
    all: `${playwrights},${OURS.join(',')}`,
  }));
  return merged;
}

async function readPlaywrightsSwitch(): Promise<string> {
  try {
    await chromium.launchPersistentContext('', { executablePath: '/bin/true', headless: true });
  } catch (error) {
    const found = String((error as Error).message).match(/--disable-features=\S+/);
    if (found) return found[0];
  }
  throw new Error(
    "tests/e2e/chromium-features.ts: could not read Playwright's --disable-features from its launch log",
  );
}

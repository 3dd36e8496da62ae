import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FirefoxWithExtension, firefoxMissing, launchFirefoxWithExtension } from './firefox';
import { type FixtureServer, startFixtureServer } from './fixture-server';

// Firefox has no offscreen document: the popup's first script reads the tab, then needs the
// popup's own extraction Worker, which only the popup's modules hold. The first script loads them
// at once there (components/popup/paint-preview-first.tsx), and the preview must still come, and
// Save still store the article.
const missing = firefoxMissing();
if (missing) console.warn(`[firefox popup e2e] skipped: ${missing}`);

describe.skipIf(missing !== null)('the popup in Firefox (no offscreen document)', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;

  beforeAll(async () => {
    server = await startFixtureServer();
    firefox = await launchFirefoxWithExtension({ localAccess: true });
  }, 60_000);
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  test('previews the article from its own Worker, then saves it', async () => {
    const url = `${server.origin}/pages/news-article.html`;
    await firefox.open(url);
    // The popup of that tab, opened as a page (headless Firefox has no toolbar to click).
    const popup = await firefox.open(firefox.extensionUrl('/options.html'));
    // Firefox shows an extension no tab's address without the "tabs" permission: the article's
    // tab is the one used last before this one.
    const tabId = await popup.evaluate<number>(`(async () => {
      const here = await browser.tabs.getCurrent();
      const others = (await browser.tabs.query({})).filter((tab) => tab.id !== here.id);
      return others.sort((a, b) => b.lastAccessed - a.lastAccessed)[0].id;
    })()`);
    await popup.goto(firefox.extensionUrl(`/popup.html?tabId=${tabId}`));
    await popup.waitFor(`document.querySelector('#save')`);
    expect(await popup.text('#preview-title')).toBe('Harbour town votes to rebuild its tidal footbridge');
    expect(await popup.text('#opening')).toMatch(/^MERROW BAY — The town council voted on Tuesday evening/);

    await popup.click('#save');
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
    const saved = await popup.readStore<{ title: string }>('articles');
    expect(saved.map(({ title }) => title)).toEqual(['Harbour town votes to rebuild its tidal footbridge']);
  }, 60_000);
});

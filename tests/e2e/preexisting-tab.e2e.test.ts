import { afterAll, beforeAll, expect, test } from 'vitest';
import { EXTENSION_DIR, launchChromium, triggerAction } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { attachRealPopup } from './real-popup';

// A tab that was open before Readmark was installed has no content script: the popup must inject
// one on demand. The browser starts without the extension; it is installed while the tab is open.
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server?.close());

test('a tab opened before the extension was installed can be previewed and saved', async () => {
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/pages/news-article.html`);
    const cdp = await context.browser()!.newBrowserCDPSession();
    const { id: extensionId } = (await cdp.send(
      'Extensions.loadUnpacked' as 'Target.getTargets',
      {
        path: EXTENSION_DIR,
      } as never,
    )) as unknown as { id: string };

    await triggerAction(cdp, extensionId, page);
    const popup = await attachRealPopup({ context, extensionId });
    await popup.waitFor(`document.querySelector('#save')`);
    expect(await popup.evaluate<string>(`document.querySelector('#preview-title').textContent`)).toBe(
      'Harbour town votes to rebuild its tidal footbridge',
    );
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
    await popup.close();
  } finally {
    await context.close();
  }
});

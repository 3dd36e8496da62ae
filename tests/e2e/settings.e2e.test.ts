import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SCREENSHOTS, useExtensionBrowser } from './browser';
import { dragSelect, paintedCounts } from './page-helpers';
import { clickPageUi, swatch, waitForPageUi } from './page-ui';
import { openRealPopup } from './real-popup';

const PASSAGE = 'Engineers told councillors that salt had reached the steel pins';

describe('settings: colour names and the integrity check', () => {
  const env = useExtensionBrowser();

  test('a renamed colour is what the in-page toolbar offers', async () => {
    const options = await env.browser.open(env.browser.extensionUrl('/options.html'));
    const pink = options.locator('input[name="color-pink"]');
    await pink.fill('Check this');
    await pink.press('Tab');
    await expect.poll(() => options.locator('.color-names [role=status]').textContent()).toBe('Saved.');
    await options.screenshot({ path: join(SCREENSHOTS, 'options-highlights.png'), fullPage: true });

    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    // The popup injects the page script when it captures the page: wait for its preview.
    const popup = await openRealPopup(env.browser, page);
    await popup.close();
    await dragSelect(page, PASSAGE);
    await waitForPageUi(page, (attributes) => attributes['aria-label'] === 'Check this');
    await clickPageUi(page, swatch('pink'));
    await expect.poll(() => paintedCounts(page), { timeout: 15_000 }).toEqual({ pink: 1 });

    await options.reload();
    await options.locator('#integrity-check').click();
    await expect
      .poll(() => options.locator('#integrity-report').textContent())
      .toContain('Everything is in order.');
    expect(await options.locator('#integrity-report').textContent()).toContain('Articles: 1, highlights: 1.');
  });
});

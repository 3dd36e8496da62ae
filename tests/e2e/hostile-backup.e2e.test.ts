import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hostileBackup } from '../support/hostile-backup';
import { type ExtensionBrowser, launchWithExtension } from './browser';
import { readStore } from './idb';

interface StoredArticle {
  id: string;
  canonicalUrl: string;
}

// Issue #12: a backup is a file anyone can edit. Restored through the real settings page of the
// built extension, the file's non-web addresses are refused, its claim on another site's page is
// rebound to its own address, and the article it smuggles HTML through reads as inert text.
describe('restoring a hostile backup', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('refuses non-web addresses, rebinds a foreign claim, and renders nothing active in the reader', async () => {
    const options = await browser.open(browser.extensionUrl('/options.html'));
    await options.setInputFiles('#restore-file', {
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(hostileBackup),
    });
    await expect.poll(() => options.locator('#restore-rejected li').count()).toBe(3);
    expect(await options.locator('#restore-rejected').textContent()).toMatch(
      /meta\.url: not an http\(s\) URL.*meta\.canonicalUrl: not an http\(s\) URL.*meta\.leadImage: not an http\(s\) URL/s,
    );
    await options.click('#restore-import');
    await expect.poll(() => options.locator('#restore-done').textContent()).toMatch(/articles: 2/);

    const articles = await readStore<StoredArticle>(options, 'articles');
    expect(articles.map(({ id, canonicalUrl }) => `${id} ${canonicalUrl}`).sort()).toEqual([
      'claims-bank https://blog.example/claims-bank',
      'code https://blog.example/code',
    ]);

    // The reader of the smuggling article: no dialog, no handler, only the language class on code,
    // and every outbound link opens a new tab without an opener.
    const reader = await browser.open(browser.extensionUrl('/reader.html?id=code'));
    let dialogs = 0;
    reader.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await reader.waitForSelector('article #area', { state: 'attached' });
    const seen = await reader.evaluate(() => {
      const article = document.querySelector('article') as HTMLElement;
      const handlers = [...article.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((attr) => attr.name.startsWith('on')),
      );
      const links = ['a', 'area', 'svg'].map((id) => {
        const link = document.getElementById(id);
        return `${id} ${link?.getAttribute('target')} ${link?.getAttribute('rel')}`;
      });
      const classes = [...article.querySelectorAll('pre [class], pre[class], div.highlight-source-js')].map(
        (el) => `${el.localName}.${el.getAttribute('class')}`,
      );
      return { handlers: handlers.length, links, classes };
    });
    expect(seen).toEqual({
      handlers: 0,
      links: [
        'a _blank noopener noreferrer',
        'area _blank noopener noreferrer',
        'svg _blank noopener noreferrer',
      ],
      classes: ['code.language-ts'],
    });
    expect(dialogs).toBe(0);
  });
});

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importFixture } from '../support/import-fixtures';
import { seriousAxeFindings } from './axe';
import { SCREENSHOTS, useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { paintedCounts } from './page-helpers';

interface StoredMeta {
  id: string;
  canonicalUrl: string;
  archived: number;
  favourite: number;
  tags: string[];
}

// Settings → Import with our own wallabag and Omnivore exports: summary first, then the import,
// then the reader paints the imported highlights in the extracted text; what cannot be placed is
// listed as an orphan with its quote and note. A bad file changes nothing.
describe('import from another app', () => {
  const env = useExtensionBrowser();

  async function importFile(name: string, fileName: string) {
    const options = await env.browser.open(env.browser.extensionUrl('/options.html'));
    await options.setInputFiles('#import-file', {
      name: fileName,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(importFixture(name)),
    });
    return options;
  }

  test('wallabag: summary, import, and the highlights painted in the reader', async () => {
    const options = await importFile('wallabag.json', 'wallabag-export.json');
    await expect
      .poll(() => options.locator('#import-summary').textContent())
      .toBe('From wallabag: 2 articles, 3 highlights, 2 notes, 3 tags.');
    expect(await options.locator('#import-skipped').textContent()).toContain('no URL: 1');
    expect(await options.locator('#import-already').textContent()).toContain(': 0 (');
    expect(await seriousAxeFindings(options)).toEqual([]);
    await options.screenshot({ path: join(SCREENSHOTS, 'options-import.png'), fullPage: true });
    await options.click('#import-confirm');
    await expect
      .poll(() => options.locator('#import-done').textContent(), { timeout: 30_000 })
      .toContain('Imported: 2 new articles, 0 already in the library, 3 highlights (0 not found');

    const articles = await readStore<StoredMeta>(options, 'articles');
    const planing = articles.find((a) => a.canonicalUrl === 'https://fixtures.readmark.test/planing')!;
    expect(planing).toMatchObject({ archived: 1, favourite: 1, tags: ['craft', 'wood'] });
    const reader = await env.browser.open(env.browser.extensionUrl(`/reader.html?id=${planing.id}`));
    await expect.poll(() => reader.locator('.reader-content').textContent()).toContain('Reading the grain');
    await expect.poll(() => paintedCounts(reader), { timeout: 15_000 }).toEqual({ yellow: 2 });
    await reader.locator('#reader-panel-toggle').click();
    await expect.poll(() => reader.locator('.reader-highlight').count()).toBe(2);
    expect(await reader.locator('.reader-panel').textContent()).toContain('The single most useful tip.');
    expect(await reader.locator('.reader-highlight.orphan').count()).toBe(0);
    await reader.close();

    // The same file again: nothing is duplicated.
    await options.setInputFiles('#import-file', {
      name: 'again.json',
      mimeType: 'application/json',
      buffer: Buffer.from(importFixture('wallabag.json')),
    });
    await expect.poll(() => options.locator('#import-already').textContent()).toContain(': 2 (');
    await options.click('#import-confirm');
    await expect
      .poll(() => options.locator('#import-done').textContent())
      .toContain('0 new articles, 2 already');
    expect(await readStore(options, 'highlights')).toHaveLength(3);
    await options.close();
  });

  test('Omnivore: an unplaceable highlight stays visible as an orphan; a truncated file changes nothing', async () => {
    const options = await importFile('omnivore', 'omnivore-export.zip');
    await expect
      .poll(() => options.locator('#import-summary').textContent())
      .toBe('From Omnivore: 2 articles, 5 highlights, 2 notes, 6 tags.');
    await options.click('#import-confirm');
    await expect
      .poll(() => options.locator('#import-done').textContent(), { timeout: 30_000 })
      .toContain('(1 not found in the text');
    const ledger = (await readStore<StoredMeta>(options, 'articles')).find(
      (a) => a.canonicalUrl === 'https://fixtures.readmark.test/lighthouse-ledger',
    )!;
    const reader = await env.browser.open(env.browser.extensionUrl(`/reader.html?id=${ledger.id}`));
    await expect.poll(() => paintedCounts(reader), { timeout: 15_000 }).not.toEqual({});
    await reader.locator('#reader-panel-toggle').click();
    await expect.poll(() => reader.locator('.reader-highlight.orphan').count()).toBe(1);
    expect(await reader.locator('.reader-highlight.orphan').textContent()).toContain('a cat called Admiral');
    await reader.close();

    const before = await readStore(options, 'highlights');
    const zip = importFixture('omnivore');
    await options.setInputFiles('#import-file', {
      name: 'cut.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zip.slice(0, zip.length - 100)),
    });
    await expect.poll(() => options.locator('[role="alert"]').textContent()).toMatch(/truncated or damaged/);
    expect(await options.locator('#import-confirm').count()).toBe(0);
    expect(await readStore(options, 'highlights')).toEqual(before);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_DIR, SCREENSHOTS, useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { openRealPopup } from './real-popup';

// The first thing a reader does: toolbar button → clean preview → Save → find it in the library.
describe('toolbar → preview → save → library', () => {
  const env = useExtensionBrowser();
  let article: Page;

  beforeAll(async () => {
    article = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
  });

  test('the real toolbar popup previews the article and saves it', async () => {
    const popup = await openRealPopup(env.browser, article);
    const preview = await popup.evaluate<{
      title: string;
      meta: string[];
      opening: string;
      width: number;
    }>(`({
      title: document.querySelector('#preview-title').textContent,
      meta: [...document.querySelectorAll('.preview .meta')].map((e) => e.textContent),
      opening: document.querySelector('#opening').textContent,
      width: innerWidth,
    })`);
    expect(preview.title).toBe('Harbour town votes to rebuild its tidal footbridge');
    expect(preview.meta[0]).toContain('Imogen Vasquez');
    expect(preview.meta[0]).toContain('The Coastline Courier');
    expect(preview.meta[0]).toContain('2026');
    expect(preview.meta[1]).toMatch(/\d+ min read · \d+ words/);
    // The opening is the article's first words, not the lead photo's caption before them.
    expect(preview.opening).toMatch(/^MERROW BAY — The town council voted on Tuesday evening/);
    expect(preview.opening).not.toContain('Harbour Trust');
    expect(preview.width).toBe(380);
    expect(await popup.evaluate<string>(`document.querySelector('#removed-summary').textContent`)).toContain(
      'Removed: advertisement, newsletter box',
    );
    await popup.screenshot(join(SCREENSHOTS, 'popup-preview.png'));

    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
    expect(await popup.evaluate<string>(`document.querySelector('#open-library').textContent`)).toBe(
      'Open in library',
    );
    await popup.screenshot(join(SCREENSHOTS, 'popup-saved.png'));
    await popup.close();
  });

  test('the record is in the extension database, body and metadata in one piece', async () => {
    const [meta, ...others] = await readStore<{
      id: string;
      canonicalUrl: string;
      title: string;
      wordCount: number;
    }>(env.browser.sw, 'articles');
    expect(others).toHaveLength(0);
    expect(meta!.title).toBe('Harbour town votes to rebuild its tidal footbridge');
    // The fixture declares http://127.0.0.1/news/… as canonical: port 80, another origin than the
    // server's, so it does not decide the article; the tab's address does.
    expect(meta!.canonicalUrl).toBe(`${env.server.origin}/pages/news-article.html`);
    const contents = await readStore<{ articleId: string; contentHtml: string; textContent: string }>(
      env.browser.sw,
      'contents',
    );
    expect(contents).toHaveLength(1);
    expect(contents[0]!.articleId).toBe(meta!.id);
    expect(contents[0]!.textContent).toContain('Two of its oak handrails will be kept by the town museum');
    expect(contents[0]!.contentHtml).not.toMatch(/<script|<form|\son\w+=/i);
    // Page furniture and widget messages stay out, wherever the theme put them.
    for (const boilerplate of [
      'LEAVE A REPLY',
      'Please enter your comment!',
      'RELATED STORIES',
      'Your subscription was successful.',
      'Unable to save your signature',
      'Advertisement',
      'Share on Facebook',
      'Imogen Vasquez covers the coast',
      'Most read',
    ]) {
      expect(contents[0]!.textContent).not.toContain(boilerplate);
    }
  });

  test("the database lives in the extension's origin, never in the page's", async () => {
    const pageDatabases = await article.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name),
    );
    expect(pageDatabases).not.toContain('readmark');
    const extensionDatabases = await env.browser.sw.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name),
    );
    expect(extensionDatabases).toContain('readmark');
    const contentScript = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.js'), 'utf8');
    expect(contentScript).not.toMatch(/indexedDB|Dexie/);
  });

  test('opening the popup again shows the page as saved, and saving again updates the same record', async () => {
    const popup = await openRealPopup(env.browser, article);
    expect(await popup.evaluate<string>(`document.querySelector('#status').textContent`)).toContain('Saved');
    expect(await popup.evaluate<string>(`document.querySelector('#save').textContent`)).toContain(
      'Save again',
    );
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`!document.querySelector('#save').disabled`);
    await popup.close();
    expect(await readStore(env.browser.sw, 'articles')).toHaveLength(1);
  });

  test('the library lists the article, the reader shows it sanitised, and delete removes it', async () => {
    const library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    const row = library.locator('.article');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.meta').textContent()).toMatch(
      /The Coastline Courier · saved .+ · \d+ min read/,
    );
    await library.screenshot({ path: join(SCREENSHOTS, 'library.png') });

    await row.locator('a.article-title').click();
    await library.waitForURL(/reader\.html\?id=/);
    await expect.poll(() => library.locator('.reader-content p').count()).toBeGreaterThan(5);
    const text = await library.locator('.reader-content').textContent();
    expect(text).toContain(
      'A lift section in the middle will let taller sailing boats reach the inner basin.',
    );
    expect(
      await library.locator('.reader-content script, .reader-content form, .reader-content input').count(),
    ).toBe(0);
    await library.screenshot({ path: join(SCREENSHOTS, 'reader.png'), fullPage: true });

    await library.goBack();
    await library.locator('.article button.delete').click();
    await expect.poll(() => library.locator('.article').count()).toBe(0);
    expect(await readStore(library, 'articles')).toHaveLength(0);
    expect(await readStore(library, 'contents')).toHaveLength(0);
    await expect.poll(() => library.locator('.empty').isVisible()).toBe(true);
    await library.close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { png } from './png';
import { openRealPopup, saveThroughPopup } from './real-popup';

const prose = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>The ferry crossing paragraph ${i} describes the tide tables, the mooring ropes and the harbour master's ledger in enough words to read as prose.</p>`,
).join('\n');

/** The article: a picture from `imageOrigin`, one from the page's own server, and a 1×1 beacon. */
function articlePage(imageOrigin: string): string {
  return `<!doctype html><html lang="en"><head><title>The ferry that crosses at dawn</title></head><body>
<article><h1>The ferry that crosses at dawn</h1>
${prose}
<figure><img src="${imageOrigin}/pics/ferry.png" width="120" height="80" alt="The ferry at its mooring"></figure>
<figure><img src="/local/quay.png" width="60" height="40" alt="The quay"></figure>
<img src="${imageOrigin}/beacon.gif" width="1" height="1" alt="">
${prose}
</article></body></html>`;
}

async function savedArticleId(env: ReturnType<typeof useExtensionBrowser>, title: string): Promise<string> {
  const meta = (await readStore<{ id: string; title: string }>(env.browser.sw, 'articles')).find(
    (m) => m.title === title,
  );
  if (!meta) throw new Error(`${title} was not saved`);
  return meta.id;
}

/** Opens the reader on `id`, recording every request the reader page makes (extension files aside). */
async function openReaderRecording(env: ReturnType<typeof useExtensionBrowser>, id: string) {
  const reader = await env.browser.context.newPage();
  const requests: string[] = [];
  reader.on('request', (request) => {
    if (!request.url().startsWith('chrome-extension://')) requests.push(request.url());
  });
  await reader.goto(env.browser.extensionUrl(`/reader.html?id=${id}`));
  await expect.poll(() => reader.locator('.reader-content p').count()).toBeGreaterThan(5);
  return { reader, requests };
}

const pictures = (reader: Page) =>
  reader.$$eval('.reader-content img', (imgs) =>
    (imgs as HTMLImageElement[]).map((img) => ({
      alt: img.alt,
      src: img.getAttribute('src') ?? '',
      width: img.naturalWidth,
      complete: img.complete,
    })),
  );

// A saved article is read offline: its pictures come from the library, the reader asks the
// network for nothing, and the tracking pixel was never fetched by Readmark. The pictures are on
// the page's own server (stored through the content script: no host access needed; headless
// Chromium cannot answer the browser's permission prompt, so the host-access path is not driven here).
describe('pictures stored with the article, read offline', () => {
  const env = useExtensionBrowser();

  test('saved with its pictures; read with the image server stopped: pictures show, zero requests', async () => {
    env.server.route('/ferry.html', articlePage(env.server.origin));
    env.server.route('/pics/ferry.png', png(120, 80, [20, 90, 160]), 'image/png');
    env.server.route('/local/quay.png', png(60, 40, [200, 160, 40]), 'image/png');
    env.server.route('/beacon.gif', png(1, 1, [255, 255, 255]), 'image/png');
    const beaconLoads = () => env.server.requests.filter((path) => path === '/beacon.gif').length;

    const page = await env.browser.open(`${env.server.origin}/ferry.html`);
    // The page itself shows the beacon (any browser would): count from here on.
    await page.waitForLoadState('load');
    const beaconBefore = beaconLoads();
    const popup = await openRealPopup(env.browser, page);
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`, 20_000);
    await popup.waitFor(`document.querySelector('#stored-images')`);
    const stored = await popup.evaluate<string>(`document.querySelector('#stored-images').textContent`);
    expect(stored).toMatch(/^Pictures stored with the article: 2 \(\d+ B\)\.$/);
    expect(await popup.evaluate<boolean>(`!!document.querySelector('#load-images')`)).toBe(false);
    await popup.close();
    await page.close();

    const id = await savedArticleId(env, 'The ferry that crosses at dawn');
    const blobs = await readStore<{ hash: string; size: number }>(env.browser.sw, 'imageBlobs');
    expect(blobs).toHaveLength(2);
    for (const blob of blobs) expect(blob.hash).toMatch(/^[0-9a-f]{64}$/);

    // Offline: the server of the page and its pictures stops before the reader opens.
    await env.server.close();
    const { reader, requests } = await openReaderRecording(env, id);
    await expect
      .poll(async () => (await pictures(reader)).every((p) => p.complete && p.width > 0))
      .toBe(true);
    const shown = await pictures(reader);
    expect(shown.map((p) => p.alt)).toEqual(['The ferry at its mooring', 'The quay']);
    expect(shown.map((p) => p.width)).toEqual([120, 60]);
    for (const picture of shown) expect(picture.src).toMatch(/^blob:chrome-extension:/);
    expect(await reader.locator('#load-images').count()).toBe(0);
    expect(requests.filter((url) => !url.startsWith('blob:chrome-extension:'))).toEqual([]);
    expect(beaconLoads()).toBe(beaconBefore);
  });
});

// Without host access only the page's own pictures are stored; the others are placeholders
// until the reader asks, and nothing is loaded to show them.
describe('pictures without host access', () => {
  const env = useExtensionBrowser();
  let images: FixtureServer;

  beforeAll(async () => {
    images = await startFixtureServer();
    images.route('/pics/ferry.png', png(120, 80, [20, 90, 160]), 'image/png');
  });
  afterAll(() => images?.close());

  test('own-origin picture stored through the page; the other site only on request, never silently', async () => {
    env.server.route('/ferry.html', articlePage(images.origin));
    env.server.route('/local/quay.png', png(60, 40, [200, 160, 40]), 'image/png');
    await saveThroughPopup(env.browser, `${env.server.origin}/ferry.html`);
    const fetchedBefore = images.requests.length;
    const id = await savedArticleId(env, 'The ferry that crosses at dawn');

    const { reader, requests } = await openReaderRecording(env, id);
    await expect.poll(async () => (await pictures(reader)).find((p) => p.alt === 'The quay')?.width).toBe(60);
    const ferry = (await pictures(reader)).find((p) => p.alt === 'The ferry at its mooring');
    expect(ferry?.src).toBe('');
    expect(await reader.locator('#load-images').count()).toBe(1);
    expect(await reader.locator('#images-not-stored').textContent()).toContain(
      '1 picture of this article is not stored',
    );
    expect(requests.filter((url) => !url.startsWith('blob:chrome-extension:'))).toEqual([]);
    expect(images.requests.length).toBe(fetchedBefore);
  });
});

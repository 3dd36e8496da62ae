/**
 * The two-machine harness of the sync end-to-end files: two Chromium profiles with the built
 * extension, a real WebDAV server on 127.0.0.1 (`rclone serve webdav`, which ignores If-Match, and
 * Apache mod_dav, which honours it) with the fault proxy in front, and the reader's gestures:
 * Settings → Sync filled in and "Sync now" clicked, highlights made from the real popup, notes
 * edited and highlights deleted through the background as the reader's pages do.
 *
 * The profiles start with access to 127.0.0.1 in their manifest copy (headless Chromium cannot
 * answer the permission prompt), so the form's permission request is granted without a prompt.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/dav-fault-proxy';
import {
  hasApache,
  hasRclone,
  makeFolder,
  PASSWORD,
  type Running,
  startApache,
  startRclone,
  USER,
} from '../support/dav-servers';
import { type ExtensionBrowser, type LaunchOptions, launchWithExtension } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { selectText } from './page-helpers';
import { attachRealPopup } from './real-popup';

export const PASSPHRASE = 'tidal footbridge oak handrails';
export const ARTICLE = '/pages/news-article.html';
export const TITLE = 'Harbour town votes to rebuild its tidal footbridge';

export interface StoredHighlight {
  id: string;
  articleId: string;
  quote: { exact: string };
  note: string;
}

export interface DavServer {
  name: string;
  present: boolean;
  start: () => Promise<Running>;
}

const SERVERS: DavServer[] = [
  { name: 'rclone serve webdav', present: hasRclone(), start: startRclone },
  { name: 'Apache mod_dav', present: hasApache(), start: startApache },
];

/** The servers installed here (a missing one is skipped with a visible notice). */
export function davServers(): DavServer[] {
  for (const server of SERVERS)
    if (!server.present) console.warn(`[sync e2e] ${server.name} is not installed: its run is skipped`);
  return SERVERS.filter((server) => server.present);
}

export interface SyncPair {
  fixtures: FixtureServer;
  dav: Running;
  /** The fault proxy in front of the server (no faults unless a test sets some). */
  proxy: FaultProxy;
  /** The sync folder as the extensions see it (through the proxy). */
  folder: string;
  a: ExtensionBrowser;
  b: ExtensionBrowser;
}

/**
 * For a describe block: fixture pages, the server with its proxy and an empty sync folder, and
 * two fresh profiles A and B, started before its tests and closed after them.
 */
export function useSyncPair(
  server: DavServer,
  options: { a?: LaunchOptions; b?: LaunchOptions; beforeB?: (pair: SyncPair) => Promise<void> } = {},
): SyncPair {
  const pair = {} as SyncPair;
  beforeAll(async () => {
    pair.fixtures = await startFixtureServer();
    pair.dav = await server.start();
    pair.proxy = await startFaultProxy(pair.dav.url);
    pair.folder = `${pair.proxy.url}readmark/`;
    await makeFolder(`${pair.dav.url}readmark/`);
    pair.a = await launchWithExtension([], { hostAccess: true, ...options.a });
    pair.b = await launchWithExtension([], { hostAccess: true, ...options.b });
  });
  afterAll(async () => {
    await pair.a?.close();
    await pair.b?.close();
    await pair.proxy?.stop();
    await pair.dav?.stop();
    await pair.fixtures?.close();
  });
  return pair;
}

/** Settings, with the sync form ready. */
export async function openSettings(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.open(browser.extensionUrl('/options.html'));
  await page.getByLabel('Server URL').waitFor();
  return page;
}

/** Fills in Settings → Sync as the reader does. */
export async function fillSyncForm(page: Page, folder: string, deviceName: string, passphrase: string) {
  await page.getByLabel('Server URL').fill(folder);
  await page.getByLabel('User name').fill(USER);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Device name').fill(deviceName);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
}

export const statusText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="sync-settings-status"]')?.textContent ?? '');

/**
 * A page-side expression that watches a "Sync now" button (`button`, an expression finding it)
 * from before its click: `window.syncStarted` once a run has made it busy, `window.syncDone` once
 * it is back. Read from the mutation records: a run can go busy and end between two deliveries of
 * the observer.
 */
export const watchSyncRun = (button: string) => `(() => {
  const button = ${button};
  let busy = false;
  window.syncStarted = false;
  window.syncDone = false;
  new MutationObserver((records) => {
    if (button.disabled || records.some((record) => record.attributeName === 'disabled')) busy = true;
    window.syncStarted = busy;
    if (busy && !button.disabled) window.syncDone = true;
  }).observe(button, { attributes: true, childList: true, subtree: true, characterData: true });
  return true;
})()`;

/** How long a "Sync now" run may take (seconds here): a run that never ends fails saying so. */
export const SYNC_RUN_MS = 60_000;

/** Clicks "Sync now" (a real click: the permission request needs the gesture), waits for the run to end. */
export async function syncNow(page: Page): Promise<string> {
  // The reader clicks in the tab in front. A tab behind another (a test clicked the toolbar button
  // on an article since) runs no animation frames, and Playwright's check that the button holds
  // still before its click waits on them: 1.5-2 s a click.
  await page.bringToFront();
  // Watch the button go busy and come back, from before the click.
  await page.evaluate(
    watchSyncRun("[...document.querySelectorAll('button')].find((x) => x.textContent === 'Sync now')"),
  );
  await page.getByRole('button', { name: 'Sync now' }).click();
  // A function, not a string: Playwright would eval a string, which the page's CSP forbids.
  await page.waitForFunction(() => (window as unknown as { syncDone: boolean }).syncDone, undefined, {
    timeout: SYNC_RUN_MS,
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="sync-settings-status"]'));
  return statusText(page);
}

/** Opens Settings on `browser`, fills the form and syncs: the machine joins (or creates) the folder. */
export async function join(
  browser: ExtensionBrowser,
  folder: string,
  deviceName: string,
  passphrase = PASSPHRASE,
): Promise<Page> {
  const page = await openSettings(browser);
  await fillSyncForm(page, folder, deviceName, passphrase);
  const status = await syncNow(page);
  if (!status.includes('Last successful sync')) throw new Error(`${deviceName} did not sync: ${status}`);
  return page;
}

/** The folder's files as the server lists them (name, size, ETag), in a stable order. */
export async function davFiles(folder: string, path: string): Promise<string[]> {
  const response = await fetch(`${folder}${path}`, {
    method: 'PROPFIND',
    headers: { Authorization: `Basic ${btoa(`${USER}:${PASSWORD}`)}`, Depth: '1' },
  });
  const xml = await response.text();
  // Servers differ in namespace prefixes (rclone: D:, Apache: D: and lp1:) and attributes.
  return [...xml.matchAll(/<(?:\w+:)?response\b[^>]*>([\s\S]*?)<\/(?:\w+:)?response>/g)]
    .map(([, entry]) =>
      ['href', 'getcontentlength', 'getetag']
        .map((prop) => new RegExp(`<(?:\\w+:)?${prop}\\b[^>]*>([^<]*)<`).exec(entry!)?.[1])
        // Apache's ETag is weak (W/) for a second after a write, then strong: the same file.
        .map((value) => value?.replace(/^W\//, ''))
        .join(' '),
    )
    .sort();
}

/** Selects `text` on the page and highlights it from the real popup (saving the page if needed). */
export async function highlightFromPopup(browser: ExtensionBrowser, page: Page, text: string) {
  await selectText(page, text);
  await browser.clickToolbarButton(page);
  const popup = await attachRealPopup(browser);
  await popup.waitFor(`document.querySelector('#highlight-selection')`);
  await popup.evaluate(`document.querySelector('#highlight-selection').click()`);
  await popup.waitFor(
    `document.querySelector('#selection-status')?.textContent.includes('Selection highlighted')`,
  );
  await popup.close();
}

/** Saves the fixture article on `browser` with one highlight on `quote`; answers the page (left open). */
export async function saveWithHighlight(browser: ExtensionBrowser, fixtures: FixtureServer, quote: string) {
  const page = await browser.open(`${fixtures.origin}${ARTICLE}`);
  await highlightFromPopup(browser, page, quote);
  return page;
}

/**
 * Sends a message to the background from an extension page, as the reader's pages do (the
 * background records the change for sync in the same transaction).
 */
async function toBackground(page: Page, type: string, payload: unknown) {
  const answer = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [
    type,
    payload,
  ] as const)) as { ok: boolean; error?: unknown };
  if (!answer?.ok) throw new Error(`${type}: ${JSON.stringify(answer)}`);
}

export const editNote = (page: Page, id: string, note: string) =>
  toBackground(page, 'updateHighlight', { id, note });
export const deleteHighlight = (page: Page, id: string) => toBackground(page, 'deleteHighlight', { id });

export const highlightsOf = (page: Page) => readStore<StoredHighlight>(page, 'highlights');

/** The notes shown in the reader's side panel for the article (what the reader sees). */
export async function readerNotes(browser: ExtensionBrowser, articleId: string): Promise<string[]> {
  const reader = await browser.open(browser.extensionUrl(`/reader.html?id=${encodeURIComponent(articleId)}`));
  await reader.locator('#reader-panel-toggle').click();
  await reader.locator('.reader-highlight-quote').first().waitFor();
  const notes = await reader.locator('.reader-highlight-note').allTextContents();
  await reader.close();
  return notes;
}

/**
 * One raw IndexedDB request on the extension's database from an extension page (which has opened
 * it): a syncMeta row written or read by key, or a store counted. Polled often, so never a whole store.
 */
export function idbRequest<T>(
  page: Page,
  action: { put: { key: string; value: unknown } } | { get: string } | { count: string },
): Promise<T> {
  return page.evaluate(
    (a) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('readmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = 'count' in a ? a.count : 'syncMeta';
          const tx = db.transaction(store, 'put' in a ? 'readwrite' : 'readonly');
          const request =
            'put' in a
              ? tx.objectStore(store).put(a.put)
              : 'get' in a
                ? tx.objectStore(store).get(a.get)
                : tx.objectStore(store).count();
          tx.oncomplete = () => {
            db.close();
            const result = request.result as unknown;
            resolve(('get' in a ? (result as { value?: T } | undefined)?.value : result) as T);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    action,
  );
}

export const syncMetaValue = <T>(page: Page, key: string) => idbRequest<T | undefined>(page, { get: key });
export const countStore = (page: Page, store: string) => idbRequest<number>(page, { count: store });

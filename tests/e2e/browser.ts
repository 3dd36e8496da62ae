import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { disabledFeatures } from './chromium-features';
import { type FixtureServer, startFixtureServer } from './fixture-server';

export const EXTENSION_DIR = resolve(process.cwd(), '.output/chrome-mv3');
export const SCREENSHOTS = resolve(process.cwd(), 'test-results/screenshots');

export interface ExtensionBrowser {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  /** URL of an extension page, e.g. extensionUrl('/library.html'). */
  extensionUrl(path: string): string;
  /** Opens a page and waits for it to load. */
  open(url: string): Promise<Page>;
  /** The tab id the extension sees for the active tab (bring the page to front first). */
  activeTabId(page: Page): Promise<number>;
  /**
   * Clicks Readmark's toolbar button on `page` as a reader would (CDP Extensions.triggerAction):
   * this grants activeTab for the page and opens the real popup.
   */
  clickToolbarButton(page: Page): Promise<void>;
  /** Opens popup.html as a tab aimed at `tabId` (the tab must have activeTab granted). */
  openPopupFor(tabId: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium (never a downloaded one) in a fresh profile, with no network beyond
 * this machine. `extensionArgs` loads extensions; without them the browser starts with none.
 * `profileDir`: a profile prepared beforehand (say, with preferences written), instead of an empty one.
 */
export async function launchChromium(
  extensionArgs: string[] = [],
  profileDir = mkdtempSync(join(tmpdir(), 'readmark-e2e-')),
  language?: string,
): Promise<BrowserContext> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const features = await disabledFeatures();
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Chromium on Linux takes its interface language (and so an extension's _locales) from
    // LANGUAGE; --lang is what other platforms read. Given to this browser only: a worker runs
    // file after file (vitest.e2e.config.ts), so a test file must not change its own environment.
    env: language ? { ...process.env, LANGUAGE: language } : process.env,
    headless: process.env.HEADED !== '1',
    // Playwright passes --disable-extensions by default; extensions are what we test. Its
    // --disable-features is replaced by one that holds its list and ours (chromium-features.ts).
    ignoreDefaultArgs: ['--disable-extensions', features.playwrights],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No name but this machine's resolves, at once: pages that refer to other sites (the corpus
      // pages' scripts, fonts and pictures, hostile pages) otherwise wait for the resolver's
      // 5-second timeout on each host before their load event (26 s for one corpus page).
      // A request to another site still starts and fails, as tests that watch for them expect.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      // Lets tests click the toolbar button and install extensions through CDP (Extensions.*).
      '--enable-unsafe-extension-debugging',
      ...(language ? [`--lang=${language}`] : []),
      features.all,
      ...extensionArgs,
    ],
  });
}

/** Clicks an extension's toolbar button on `page` (CDP Extensions.triggerAction): grants activeTab and opens its popup. */
export async function triggerAction(cdp: CDPSession, extensionId: string, page: Page): Promise<void> {
  await page.bringToFront();
  // triggerAction wants the *tab* target that holds the page, not the page target.
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never);
  const tab = targetInfos.find((info) => info.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  await cdp.send(
    'Extensions.triggerAction' as 'Target.getTargets',
    { id: extensionId, targetId: tab.targetId } as never,
  );
}

export interface LaunchOptions {
  /**
   * Start as a reader who already gave Readmark access to the fixture server's site. Headless
   * Chromium cannot answer the permission prompt, so a copy of the built extension asks for
   * `http://127.0.0.1/*` in its manifest, which an unpacked extension is granted on install.
   */
  hostAccess?: boolean;
  /** The browser's interface language (say 'fr'), which the extension then speaks. */
  language?: string;
}

/** A copy of the built extension whose manifest grants the local fixture site (the build is untouched). */
function extensionWithFixtureAccess(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, host_permissions: ['http://127.0.0.1/*'] }));
  return dir;
}

/** Launches Chromium with the built extension loaded, as a reader's fresh install (plus `extraArgs`). */
export async function launchWithExtension(
  extraArgs: string[] = [],
  options: LaunchOptions = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.hostAccess ? extensionWithFixtureAccess() : EXTENSION_DIR;
  const context = await launchChromium(
    [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...extraArgs],
    undefined,
    options.language,
  );
  const sw =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(sw.url()).host;
  const cdp = await context.browser()!.newBrowserCDPSession();
  // Chromium grants optional host permissions to an extension loaded from the command line; a
  // reader's fresh install has none, so take them back: the tests must work with activeTab alone.
  // (chrome.permissions.remove would take the fixture site's access too: MV3 host access is revocable.)
  if (!options.hostAccess) {
    await sw.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }));
  }

  const browser: ExtensionBrowser = {
    context,
    sw,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}${path}`,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async activeTabId(page) {
      await page.bringToFront();
      return sw.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab!.id!;
      });
    },
    clickToolbarButton: (page) => triggerAction(cdp, extensionId, page),
    async openPopupFor(tabId) {
      return browser.open(browser.extensionUrl(`/popup.html?tabId=${tabId}`));
    },
    close: () => context.close(),
  };
  return browser;
}

/**
 * For a describe block: a fixture server and a browser with the extension, started before its
 * tests and closed after them. Read `server` and `browser` inside tests (they are set by then).
 */
export function useExtensionBrowser(
  extraArgs: string[] = [],
  options: LaunchOptions = {},
): {
  readonly server: FixtureServer;
  readonly browser: ExtensionBrowser;
} {
  const env = {} as { server: FixtureServer; browser: ExtensionBrowser };
  beforeAll(async () => {
    env.server = await startFixtureServer();
    env.browser = await launchWithExtension(extraArgs, options);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

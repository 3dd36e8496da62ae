import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';

/**
 * The built extension installed into, and uninstalled from, a Chromium that is already running
 * (CDP `Extensions.loadUnpacked` / `Extensions.uninstall`, which need the pipe Playwright speaks
 * and `--enable-unsafe-extension-debugging`). An uninstall is Chrome's own reset of everything an
 * extension holds: its service worker and pages, IndexedDB, `chrome.storage` (local, session and
 * sync), alarms, context menus, granted permissions, the toolbar pin. Installed again from the same
 * folder it has the same id (an unpacked extension's id is its path's), and starts as a reader's
 * fresh install does (`onInstalled` with reason "install"). Chrome does not uninstall an extension
 * loaded by `--load-extension`, which is why a browser meant for this starts without one.
 */
export interface InstalledExtension {
  extensionId: string;
  sw: Worker;
}

/** Installs the unpacked extension in `dir` and waits for its service worker. */
export async function installExtension(
  context: BrowserContext,
  cdp: CDPSession,
  dir: string,
): Promise<InstalledExtension> {
  // Every install starts the worker at once (onInstalled): waited for from before the call.
  const started = context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url().startsWith('chrome-extension://'),
    timeout: 15_000,
  });
  const { id } = await cdp.send('Extensions.loadUnpacked', { path: dir });
  const sw = await started;
  if (new URL(sw.url()).host !== id) throw new Error(`the worker that started is not ${id}'s: ${sw.url()}`);
  return { extensionId: id, sw };
}

/** What the extension holds on a fresh install, read in its service worker. */
export interface ExtensionState {
  storage: { local: number; session: number; sync: number };
  grantedOrigins: string[];
  pinned: boolean;
}

export function readExtensionState(sw: Worker): Promise<ExtensionState> {
  return sw.evaluate(async () => {
    const [local, session, sync] = await Promise.all(
      [chrome.storage.local, chrome.storage.session, chrome.storage.sync].map(
        async (area) => Object.keys(await area.get(null)).length,
      ),
    );
    return {
      storage: { local: local!, session: session!, sync: sync! },
      grantedOrigins: (await chrome.permissions.getAll()).origins ?? [],
      pinned: (await chrome.action.getUserSettings()).isOnToolbar,
    };
  });
}

/**
 * Uninstalls the extension and waits until its origin stores nothing (IndexedDB, Cache Storage,
 * its worker's registration: the quota system's count for the origin, read through `page`), so the
 * next install cannot find the last one's library. Throws if it does not get there.
 */
export async function uninstallExtension(cdp: CDPSession, page: Page, extensionId: string): Promise<void> {
  await cdp.send('Extensions.uninstall', { id: extensionId });
  const session = await page.context().newCDPSession(page);
  try {
    const origin = `chrome-extension://${extensionId}`;
    const usage = async () => (await session.send('Storage.getUsageAndQuota', { origin })).usage;
    const end = Date.now() + 10_000;
    let left = await usage();
    while (left > 0 && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = await usage();
    }
    if (left > 0) throw new Error(`${origin} still stores ${left} bytes after its uninstall`);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

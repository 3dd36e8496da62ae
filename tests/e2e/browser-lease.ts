import type { EventEmitter } from 'node:events';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * One user's time on a shared browser (browser.ts's `useExtensionBrowser`): what they add to the
 * browser outside the extension is taken back when they are done, so that the next user finds it
 * as a fresh launch leaves it: listeners on the context, init scripts and bindings, routes,
 * granted permissions, cookies, the HTTP cache, what the pages they visited stored for their sites,
 * and every tab (one blank tab left, as a launch opens). The extension itself is reset by its
 * uninstall (extension-install.ts).
 */
export interface BrowserLease {
  /** Takes everything back and returns the blank tab that is left. */
  end(): Promise<Page>;
}

type Disposable = { dispose(): Promise<void> };
/** The context's methods whose effects outlive a page, each answering a Disposable. */
const DISPOSABLE_METHODS = ['addInitScript', 'exposeBinding', 'exposeFunction'] as const;

export function startLease(context: BrowserContext): BrowserLease {
  // Playwright's objects are Node-style event emitters; its types leave out the listing.
  const emitter = context as unknown as EventEmitter;
  const listenersBefore = new Map(
    emitter.eventNames().map((name) => [name, new Set(emitter.rawListeners(name))]),
  );
  const disposables: Disposable[] = [];
  const originals = DISPOSABLE_METHODS.map((method) => [method, context[method]] as const);
  for (const [method, original] of originals) {
    (context as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const disposable = (await (original as (...a: unknown[]) => Promise<Disposable>).apply(
        context,
        args,
      )) as Disposable;
      disposables.push(disposable);
      return disposable;
    };
  }
  // The sites the user's pages were on (frame navigations: Playwright reports them whether or
  // not anyone listens, unlike requests), whose storage is cleared at the end.
  const sites = new Set<string>();
  const watch = (page: Page) =>
    page.on('framenavigated', (frame) => {
      const url = new URL(frame.url());
      if (url.protocol === 'http:' || url.protocol === 'https:') sites.add(url.origin);
    });
  context.pages().forEach(watch);
  context.on('page', watch);

  return {
    async end() {
      for (const name of emitter.eventNames()) {
        const before = listenersBefore.get(name);
        for (const listener of emitter.rawListeners(name))
          if (!before?.has(listener)) emitter.removeListener(name, listener as () => void);
      }
      for (const [method, original] of originals)
        (context as unknown as Record<string, unknown>)[method] = original;
      for (const disposable of disposables) await disposable.dispose();
      await context.unrouteAll({ behavior: 'ignoreErrors' });
      await context.clearPermissions();
      await context.clearCookies();

      const blank = await context.newPage();
      for (const page of context.pages()) if (page !== blank) await page.close();
      const cdp = await context.newCDPSession(blank);
      await cdp.send('Network.clearBrowserCache');
      for (const origin of sites)
        await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
      await cdp.detach();
      return blank;
    },
  };
}

import { writeFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/**
 * The real toolbar popup, driven over CDP: Playwright does not expose it as a Page. Attached with
 * `flatten: false` because Playwright's CDPSession cannot address flat child sessions.
 */
export interface RealPopup {
  /** Evaluates an expression in the popup and returns its (JSON) value; awaits promises. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy, or throws after `timeoutMs`. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export async function attachRealPopup(
  browser: { context: BrowserContext; extensionId: string },
  timeoutMs = 10_000,
): Promise<RealPopup> {
  const cdp: CDPSession = await browser.context.browser()!.newBrowserCDPSession();
  const targetId = await popupTarget(cdp, `chrome-extension://${browser.extensionId}/popup.html`, timeoutMs);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });

  let nextId = 1;
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  // A closed popup answers nothing more: what it was still asked fails instead of hanging.
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    for (const answer of [...pending.values()]) answer({ error: { message: 'the popup closed' } });
  });
  const call = <T>(method: string, params: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) => {
        pending.delete(id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result as T);
      });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });

  const popup: RealPopup = {
    async evaluate<T>(expression: string) {
      const result = await call<{ result: { value: T }; exceptionDetails?: { text: string } }>(
        'Runtime.evaluate',
        {
          expression,
          awaitPromise: true,
          returnByValue: true,
        },
      );
      if (result.exceptionDetails) throw new Error(`popup: ${result.exceptionDetails.text}`);
      return result.result.value;
    },
    async waitFor(expression, waitMs = 10_000) {
      const end = Date.now() + waitMs;
      while (Date.now() < end) {
        // Checked in the popup itself every 10 ms (one round trip, not one per check); a popup
        // document that is not there yet or was replaced is asked again.
        const met = await popup
          .evaluate<boolean>(waitInPage(expression, end - Date.now()))
          .catch(() => false);
        if (met) return;
        if (Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`popup: timed out waiting for ${expression}`);
    },
    async screenshot(path) {
      const { data } = await call<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
    async close() {
      await popup.evaluate('window.close()').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
  return popup;
}

/**
 * The popup's page target once Chrome lists it: from Chrome's own target events (the popup opens
 * as its toolbar click is answered, so a fixed poll would add up to its interval to every click).
 */
async function popupTarget(cdp: CDPSession, popupUrl: string, timeoutMs: number): Promise<string> {
  let found: (targetId: string) => void = () => undefined;
  const listed = new Promise<string>((resolve) => {
    found = resolve;
  });
  const check = (info: { type: string; url: string; targetId: string }) => {
    if (info.type === 'page' && info.url.startsWith(popupUrl)) found(info.targetId);
  };
  // A target may be created at about:blank and reach the popup's URL a moment later.
  cdp.on('Target.targetCreated', ({ targetInfo }) => check(targetInfo));
  cdp.on('Target.targetInfoChanged', ({ targetInfo }) => check(targetInfo));
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  for (const info of (await cdp.send('Target.getTargets')).targetInfos) check(info);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const targetId = await Promise.race([listed, timedOut]);
  clearTimeout(timer);
  await cdp.send('Target.setDiscoverTargets', { discover: false });
  if (!targetId) throw new Error('the toolbar popup did not open');
  return targetId;
}

/**
 * An expression for the popup: resolves true as soon as `expression` is truthy (checked every
 * 10 ms; a check that throws counts as not yet), false after `ms`. Written as text, not as a
 * function's source: tsx (the benches) would put its name helpers into a serialised function.
 */
const waitInPage = (expression: string, ms: number) => `new Promise((resolve) => {
  const end = Date.now() + ${ms};
  const check = () => {
    let met = false;
    try { met = Boolean(${expression}); } catch {}
    if (met) resolve(true);
    else if (Date.now() >= end) resolve(false);
    else setTimeout(check, 10);
  };
  check();
})`;

interface PopupBrowser {
  context: BrowserContext;
  extensionId: string;
  open(url: string): Promise<Page>;
  clickToolbarButton(page: Page): Promise<void>;
}

/** Clicks the toolbar button on `page` and answers the real popup once its preview is ready. */
export async function openRealPopup(browser: PopupBrowser, page: Page): Promise<RealPopup> {
  await browser.clickToolbarButton(page);
  const popup = await attachRealPopup(browser);
  await popup.waitFor(`document.querySelector('#save')`);
  return popup;
}

/** Clicks Save in the real popup on `page`, waits for "Saved" and closes the popup. */
export async function saveInRealPopup(browser: PopupBrowser, page: Page): Promise<void> {
  const popup = await openRealPopup(browser, page);
  await popup.evaluate(`document.querySelector('#save').click()`);
  await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
  await popup.close();
}

/**
 * Saves a page as a reader does: opens it, clicks the toolbar button, clicks Save in the real
 * popup and waits for "Saved", then closes the page.
 */
export async function saveThroughPopup(browser: PopupBrowser, url: string): Promise<void> {
  const page = await browser.open(url);
  await saveInRealPopup(browser, page);
  await page.close();
}

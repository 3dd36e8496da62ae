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
  const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
  const deadline = Date.now() + timeoutMs;
  let targetId: string | undefined;
  while (!targetId && Date.now() < deadline) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    targetId = targetInfos.find((info) => info.type === 'page' && info.url.startsWith(popupUrl))?.targetId;
    if (!targetId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!targetId) throw new Error('the toolbar popup did not open');
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
        if (await popup.evaluate<boolean>(`Boolean(${expression})`).catch(() => false)) return;
        await new Promise((r) => setTimeout(r, 100));
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

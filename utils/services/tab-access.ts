import { browser } from 'wxt/browser';
import { type CapturedPage, sendToTab } from '@/utils/messaging';
import { type AppError, describeThrown, err, fail, type Result } from '@/utils/model';
import { CONTENT_SCRIPT_FILE } from './content-script-file';

/** The tab the popup works on: `?tabId=N` when opened as a page (tests), else the active tab. */
export async function resolveTargetTab(
  search: string = location.search,
): Promise<{ id: number; url?: string } | null> {
  const fromQuery = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) {
    const tab = await browser.tabs.get(fromQuery).catch(() => undefined);
    return tab?.id ? { id: tab.id, url: tab.url } : null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ? { id: tab.id, url: tab.url } : null;
}

// Hosts whose pages no extension may script, whatever its permissions.
const STORE_HOSTS = [
  'chromewebstore.google.com',
  'chrome.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
];

/** Why Readmark cannot touch a page at this URL, or null when it can try. */
export function restrictedReason(url: string | undefined): AppError | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'page-unknown-kind' };
  }
  if (parsed.protocol === 'file:') return { code: 'page-file' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { code: 'page-browser' };
  if (STORE_HOSTS.includes(parsed.hostname)) return { code: 'page-store' };
  if (/\.pdf$/i.test(parsed.pathname)) return { code: 'page-pdf' };
  return null;
}

/**
 * Without the `tabs` permission a protected tab's URL is hidden, so the browser's refusal to
 * inject is the only clue left: turn its wording into the same plain explanations.
 */
export function restrictedReasonFromError(message: string): AppError | null {
  if (/extensions gallery|web ?store/i.test(message)) return { code: 'page-store' };
  if (/file:\/\//i.test(message)) return { code: 'page-file' };
  if (/(chrome|edge|about|devtools|chrome-extension|moz-extension|view-source):/i.test(message)) {
    return { code: 'page-browser' };
  }
  return null;
}

/**
 * Captures the page in a tab. When no content script answers (first use on this tab, or a tab
 * opened before Readmark was installed) it injects one on demand (activeTab + scripting) and asks again.
 */
export async function capturePage(tabId: number): Promise<Result<CapturedPage>> {
  const first = await sendToTab(tabId, 'capture', {});
  if (first.ok) return first;
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
  } catch (error) {
    const message = describeThrown(error);
    const reason = restrictedReasonFromError(message);
    return reason ? fail(reason) : err('page-no-access', { detail: message });
  }
  return sendToTab(tabId, 'capture', {});
}

import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type InjectedCapture, injectedCapture, sendToTab } from '@/utils/messaging';
import { type AppError, describeThrown, err, fail, ok, type Result } from '@/utils/model';
import { CAPTURE_SCRIPT_FILE, CONTENT_SCRIPT_FILE } from './content-script-file';

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

/** What injecting the capture script answered: its results, or the browser's refusal. */
export type CaptureInjection = { ok: true; results: { result?: unknown }[] } | { ok: false; thrown: unknown };

/**
 * Injects the small capture script (entrypoints/capture.ts) into a tab (activeTab + scripting);
 * its result is the capture, in one round trip. Never rejects: a refusal is answered. Imports only
 * the browser's API, so the popup's first script (entrypoints/popup-start.ts) can start it.
 */
export function injectCaptureScript(tabId: number): Promise<CaptureInjection> {
  return browser.scripting.executeScript({ target: { tabId }, files: [CAPTURE_SCRIPT_FILE] }).then(
    (results) => ({ ok: true, results }),
    (thrown: unknown) => ({ ok: false, thrown }),
  );
}

/**
 * Captures the page in a tab for the popup's preview (injectCaptureScript, or its injection
 * started earlier), checked for shape. The full content script (the in-page UI) is not needed to
 * show a preview: see pageScriptReady.
 */
export async function captureTab(
  tabId: number,
  injection: Promise<CaptureInjection> = injectCaptureScript(tabId),
): Promise<Result<InjectedCapture>> {
  const injected = await injection;
  if (!injected.ok) return notInjected(injected.thrown);
  const checked = v.safeParse(injectedCapture, injected.results[0]?.result);
  if (!checked.success) {
    const issue = checked.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') || 'capture';
    return err('page-no-answer', { detail: `${where}: ${issue.message}` });
  }
  return ok(checked.output);
}

/** The browser's refusal to inject, as the reader's explanation when it is one. */
function notInjected(error: unknown): Result<never> {
  const message = describeThrown(error);
  const reason = restrictedReasonFromError(message);
  return reason ? fail(reason) : err('page-no-access', { detail: message });
}

/** Per tab, the content script's readiness. Only the popup asks, so it lasts one popup. */
const pageScripts = new Map<number, Promise<void>>();

/**
 * The full content script in a tab (highlights painted, the popup's messages answered: highlight
 * the selection, read a picture, Listen), injected now unless it already runs there. `running` is
 * what the capture script found (InjectedCapture.pageScript): with it no question is asked of
 * the page first, so the injection is requested at once, before the preview can show and the
 * reader close the popup. Without it the page is asked. The popup waits for it before any message
 * to the page; a failure is left to that message, which reports that the page did not answer.
 */
export function pageScriptReady(tabId: number, running?: boolean): Promise<void> {
  let ready = pageScripts.get(tabId);
  if (!ready) {
    ready = (async () => {
      if (running ?? (await sendToTab(tabId, 'highlightStatus', {})).ok) return;
      try {
        await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
      } catch {
        // Reported by the message that needed the script.
      }
    })();
    pageScripts.set(tabId, ready);
  }
  return ready;
}

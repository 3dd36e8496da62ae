import type { BrowserContext, Request } from 'playwright-core';

/**
 * The sentinel: installed in every frame of every page before any of its scripts (addInitScript
 * runs even under an extension page's CSP), it records calls to alert/confirm/prompt/print,
 * writes to `window.__hostilePwned`, and CSP violations, as console lines the test collects.
 * Dialogs that slip past the overrides are counted from Playwright's 'dialog' event.
 */
const INIT = `(() => {
  const report = (kind, detail) => console.log('[hostile-sentinel] ' + kind + ' ' + String(detail).slice(0, 200));
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    try {
      Object.defineProperty(window, name, { configurable: true, writable: true,
        value: (...args) => { report('script', name + '(' + args.join(',') + ')'); return null; } });
    } catch {}
  }
  try {
    Object.defineProperty(window, '__hostilePwned', { configurable: true,
      set: (value) => report('script', '__hostilePwned=' + value), get: () => undefined });
  } catch {}
  document.addEventListener('securitypolicyviolation', (e) =>
    report('csp', e.effectiveDirective + ' blocked ' + e.blockedURI + ' in ' + e.documentURI + ' from ' +
      e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + ' on ' +
      (e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 100) : e.target && e.target.nodeName)), true);
})();`;

export interface SentinelEvent {
  kind: 'script' | 'csp' | 'dialog';
  detail: string;
  pageUrl: string;
}

export interface Sentinel {
  events: SentinelEvent[];
  /** Requests from watched pages to anywhere but the fixture server, the extension, data: or blob:. */
  foreign: { url: string; type: string; from: string }[];
  scripts(): SentinelEvent[];
  /** Script CSP violations raised by something in the live document (an element that is connected). */
  cspScript(): SentinelEvent[];
  /**
   * Script CSP violations raised while HTML was parsed into an inert document: Chromium reports
   * `script-src-attr` for every inline handler DOMParser meets (DOMPurify parses this way), with the
   * live document as the target. Nothing can run from there; counted apart so they stay visible.
   */
  cspInertParse(): SentinelEvent[];
}

/**
 * Watches `context`. Only pages for which `watched(url)` is true count: the hostile *source*
 * pages are the attacker's own and are expected to misbehave.
 */
const inert = (e: SentinelEvent) => /^script-src-attr blocked inline .* on #document$/.test(e.detail);

export async function installSentinel(
  context: BrowserContext,
  allowedOrigin: string,
  watched: (pageUrl: string) => boolean,
): Promise<Sentinel> {
  const sentinel: Sentinel = {
    events: [],
    foreign: [],
    scripts: () => sentinel.events.filter((e) => e.kind !== 'csp'),
    cspScript: () =>
      sentinel.events.filter((e) => e.kind === 'csp' && /^script-src/.test(e.detail) && !inert(e)),
    cspInertParse: () => sentinel.events.filter((e) => e.kind === 'csp' && inert(e)),
  };
  await context.addInitScript({ content: INIT });
  const pageUrlOf = (request: Request) => {
    if (request.serviceWorker()) return request.serviceWorker()!.url();
    try {
      return request.frame().page()?.url() ?? request.frame().url();
    } catch {
      return '';
    }
  };
  context.on('console', (message) => {
    const text = message.text();
    if (!text.startsWith('[hostile-sentinel] ')) return;
    const pageUrl = message.page()?.url() ?? '';
    if (!watched(pageUrl)) return;
    const [kind, ...rest] = text.slice('[hostile-sentinel] '.length).split(' ');
    sentinel.events.push({ kind: kind as SentinelEvent['kind'], detail: rest.join(' '), pageUrl });
  });
  context.on('dialog', (dialog) => {
    const pageUrl = dialog.page()?.url() ?? '';
    if (watched(pageUrl)) sentinel.events.push({ kind: 'dialog', detail: dialog.message(), pageUrl });
    dialog.dismiss().catch(() => undefined);
  });
  context.on('request', (request) => {
    const url = request.url();
    const from = pageUrlOf(request);
    if (!watched(from) && !from.startsWith('chrome-extension://')) return;
    if (
      url.startsWith(`${allowedOrigin}/`) ||
      /^(chrome-extension|data|blob|file|about|chrome):/.test(url) ||
      url.startsWith('devtools://')
    )
      return;
    sentinel.foreign.push({ url, type: request.resourceType(), from });
  });
  return sentinel;
}

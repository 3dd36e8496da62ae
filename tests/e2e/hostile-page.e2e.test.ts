import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SCREENSHOTS, useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { dragSelect, selectText } from './page-helpers';
import {
  byClass,
  clickPageUi,
  openNoteEditor,
  pageUiCenter,
  pageUiText,
  swatch,
  waitForPageUi,
} from './page-ui';
import { openRealPopup } from './real-popup';

// Issue 12: a page must not read the reader's note, drive Readmark's toolbar, hide it, or learn
// that Readmark is here from the injection.

const QUOTE = 'the harbour pilot logged every crossing of the night ferry';
const OTHER = 'a gull stood on the bollard and watched the ropes';
const NOTE = 'Private: ask Dr Okafor about the lease (7 June)';

const paragraphs = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Entry ${i + 1}: ${i === 0 ? QUOTE : 'the tide came in'} while ${i === 1 ? OTHER : 'the town slept'}, and the harbour wall held against the long swell from the west as it had for a century.</p>`,
  ).join('\n');

/** Logs every keyboard and input event it can reach, and every window message it receives. */
const SPY_SCRIPT = `<script>
window.__keys = [];
window.__messages = [];
for (const target of [window, document])
  for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'compositionend', 'textInput'])
    target.addEventListener(type, (e) => window.__keys.push(type + ':' + (e.key ?? '') + (e.data ?? '') + (e.target?.value ?? '')), true);
window.addEventListener('message', (e) => window.__messages.push(JSON.stringify(e.data)), true);
// Positive control: the page's own message reaches the listener.
window.postMessage('page-own', '*');
</script>`;

const SPY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour log</title>${SPY_SCRIPT}</head>
<body><article><h1>Harbour log</h1>${paragraphs(6)}</article></body></html>`;

/**
 * Page CSS and script that try to make the toolbar vanish: hide every element outside the body
 * (where Readmark's host lives) with !important, lose every z-index war, cover the page below
 * the first paragraph with an overlay and with the page's own top-layer popover, and keep
 * rewriting the host's attributes.
 */
const HIDING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour log</title>
<style>
  html > :not(head):not(body), body ~ *, [popover] {
    display: none !important; opacity: 0 !important; visibility: hidden !important;
    z-index: -2147483647 !important; transform: scale(0) !important; clip-path: inset(50%) !important;
    position: fixed !important; top: -9999px !important; pointer-events: none !important;
  }
  #cover, #cover-pop { position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483647; background: #fff; margin: 0; border: 0; padding: 0; width: auto; height: auto; inset: auto 0 0 0; }
  #cover-pop:popover-open { display: block !important; opacity: 1 !important; visibility: visible !important; transform: none !important; clip-path: none !important; position: fixed !important; top: auto !important; z-index: 2147483647 !important; pointer-events: auto !important; }
</style></head>
<body><article><h1>Harbour log</h1>${paragraphs(6)}</article>
<div id="cover">The page's cover</div><div id="cover-pop" popover="manual">The page's popover</div>
<script>
  const first = document.querySelector('p').getBoundingClientRect();
  for (const id of ['cover', 'cover-pop']) document.getElementById(id).style.top = (first.bottom + 2) + 'px';
  document.getElementById('cover-pop').showPopover();
  window.__attacks = 0;
  setInterval(() => {
    const host = [...document.documentElement.children].find((e) => e !== document.head && e !== document.body);
    if (!host) return;
    window.__attacks++;
    host.setAttribute('style', 'display: none !important');
    host.removeAttribute('popover');
    try { host.hidePopover(); } catch {}
  }, 50);
</script></body></html>`;

describe('a hostile page and the in-page toolbar', () => {
  const env = useExtensionBrowser();

  const highlights = () =>
    readStore<{ id: string; note: string; quote: { exact: string } }>(env.browser.sw, 'highlights');
  const openPage = async (path: string, body: string) => {
    env.server.route(path, body);
    const page = await env.browser.open(`${env.server.origin}${path}`);
    // Without host access the content script arrives with the reader's click on Readmark.
    const popup = await openRealPopup(env.browser, page);
    await popup.close();
    return page;
  };

  test('injecting Readmark sends the page no window message', async () => {
    const page = await openPage('/hostile/quiet.html', SPY_PAGE);
    await dragSelect(page, QUOTE);
    // The content script is there (its toolbar answers the reader)...
    await waitForPageUi(page, swatch('yellow'));
    await page.waitForTimeout(300);
    // ...and the page's message listener, which heard the page's own message, heard nothing else.
    expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([
      '"page-own"',
    ]);
    await page.close();
  });

  test('a page logging every key in capture phase sees none of the note, and the note is saved', async () => {
    const page = await openPage('/hostile/keylogger.html', SPY_PAGE);
    const keys = () => page.evaluate(() => (window as unknown as { __keys: string[] }).__keys);
    // Positive control: keys typed in the page are logged.
    await page.keyboard.type('zq');
    expect((await keys()).join(' ')).toContain('keydown:z');

    await dragSelect(page, QUOTE);
    await waitForPageUi(page, byClass('note-toggle'));
    const before = (await keys()).length;
    const editor = await openNoteEditor(env.browser, page);
    await editor.keyboard.type(NOTE);
    // Ctrl+Enter saves and closes the editor window at once: no key-up to wait for.
    await editor.keyboard.down('Control');
    await editor.keyboard.down('Enter');
    await expect
      .poll(async () => (await highlights()).find((h) => h.quote.exact === QUOTE)?.note, { timeout: 10_000 })
      .toBe(NOTE);
    await expect.poll(() => editor.isClosed()).toBe(true);

    const logged = await keys();
    expect(logged.slice(before)).toEqual([]);
    const all = logged.join(' ');
    for (const word of ['Okafor', 'lease', 'Private']) expect(all).not.toContain(word);
    expect(await page.content()).not.toContain('Okafor');
    await page.close();
  });

  test('synthetic events at the toolbar host and its buttons create and change nothing', async () => {
    const page = await openPage('/hostile/synthetic.html', SPY_PAGE);
    const count = (await highlights()).length;
    const windows = env.browser.context.pages().length;

    // A selection made by the page and an untrusted mouseup / Shift+keyup do not open the toolbar.
    await selectText(page, OTHER);
    await page.evaluate(() => {
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
      document.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'Shift', shiftKey: true }));
    });
    await page.waitForTimeout(300);
    expect(await pageUiText(page)).not.toContain('Copy');

    // The reader opens it (dragging from a fresh start: a drag inside a selection moves it);
    // the page fires everything it can at every button's place on screen.
    await page.evaluate(() => document.getSelection()?.removeAllRanges());
    await dragSelect(page, OTHER);
    await waitForPageUi(page, swatch('green'));
    const targets = [];
    for (const match of [swatch('green'), swatch('pink'), byClass('note-toggle'), byClass('copy')])
      targets.push(await pageUiCenter(page, match));
    const fired = await page.evaluate((points) => {
      let fired = 0;
      const host = document.querySelector('readmark-ui') as HTMLElement;
      for (const { x, y } of points) {
        const at = document.elementFromPoint(x, y) ?? host;
        for (const target of [at, host]) {
          const init = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, button: 0 };
          for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
            target.dispatchEvent(
              type.startsWith('pointer') ? new PointerEvent(type, init) : new MouseEvent(type, init),
            );
          for (const key of ['Enter', ' ', 'Tab', 'ArrowRight'])
            for (const type of ['keydown', 'keypress', 'keyup'])
              target.dispatchEvent(new KeyboardEvent(type, { bubbles: true, composed: true, key }));
          (target as HTMLElement).click?.();
          fired++;
        }
        host.focus();
      }
      return fired;
    }, targets);
    expect(fired).toBe(8);
    await page.waitForTimeout(1_000);
    expect((await highlights()).length).toBe(count);
    expect(env.browser.context.pages().length).toBe(windows);

    // Positive control: the same button clicked by the reader works.
    await clickPageUi(page, swatch('green'));
    await expect.poll(async () => (await highlights()).length).toBe(count + 1);
    await page.close();
  });

  test('page CSS, overlays, a page popover and attribute rewrites do not hide the toolbar', async () => {
    const page = await openPage('/hostile/hiding.html', HIDING_PAGE);
    const count = (await highlights()).length;
    await dragSelect(page, QUOTE);
    await waitForPageUi(page, swatch('blue'));
    await page.waitForTimeout(300);
    const point = await pageUiCenter(page, swatch('blue'));
    // The swatch sits where the page's overlay and popover are, and it is what is on top there.
    const view = await page.evaluate(({ x, y }) => {
      const host = document.querySelector('readmark-ui');
      const cover = document.getElementById('cover')!.getBoundingClientRect();
      return {
        onTop: document.elementFromPoint(x, y) === host,
        covered: y > cover.top,
        attacks: (window as unknown as { __attacks: number }).__attacks,
        pagePopoverOpen: document.getElementById('cover-pop')!.matches(':popover-open'),
      };
    }, point);
    await page.screenshot({ path: join(SCREENSHOTS, 'toolbar-hostile-css.png') });
    expect(view).toMatchObject({ onTop: true, covered: true, pagePopoverOpen: true });
    expect(view.attacks).toBeGreaterThan(0);
    await clickPageUi(page, swatch('blue'));
    await expect.poll(async () => (await highlights()).length).toBe(count + 1);
    await page.close();
  });
});

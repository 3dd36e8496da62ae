import type { BrowserContext, Page } from 'playwright-core';

/** A node of CDP's DOM tree, as DOM.getDocument returns it with `pierce: true`. */
interface DomNode {
  nodeName: string;
  nodeValue?: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

const attributesOf = (node: DomNode) => {
  const map: Record<string, string> = {};
  for (let i = 0; i + 1 < (node.attributes?.length ?? 0); i += 2)
    map[node.attributes![i]!] = node.attributes![i + 1]!;
  return map;
};

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}

/**
 * Readmark's in-page UI lives in a *closed* shadow root, which page scripts and Playwright's
 * selectors cannot enter. The DevTools protocol can (DOM.getDocument with pierce), so tests see
 * and click it as a person would: by its place on screen.
 */
export async function pageUiNodes(page: Page): Promise<DomNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = [...walk(root)].find((n) => n.nodeName === 'READMARK-UI');
    return host ? [...walk(host)].slice(1) : [];
  } finally {
    await cdp.detach();
  }
}

/** The visible text of the in-page UI (toolbar labels, toasts). */
export async function pageUiText(page: Page): Promise<string> {
  return (await pageUiNodes(page))
    .filter((n) => n.nodeName === '#text')
    .map((n) => n.nodeValue ?? '')
    .join(' ');
}

/** The text of the in-page UI's alert toast (an error told to the reader), '' when none shows. */
export async function pageUiAlertText(page: Page): Promise<string> {
  const alert = (await pageUiNodes(page)).find((n) => attributesOf(n).role === 'alert');
  if (!alert) return '';
  return [...walk(alert)]
    .filter((n) => n.nodeName === '#text')
    .map((n) => n.nodeValue ?? '')
    .join(' ')
    .trim();
}

/** The viewport centre of the first in-page UI element whose attributes satisfy `match`. */
export async function pageUiCenter(
  page: Page,
  match: (attributes: Record<string, string>, nodeName: string) => boolean,
): Promise<{ x: number; y: number }> {
  const node = (await pageUiNodes(page)).find((n) => n.attributes && match(attributesOf(n), n.nodeName));
  if (!node) throw new Error('no matching element in the in-page UI');
  const cdp = await page.context().newCDPSession(page);
  try {
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as {
      model: { content: number[] };
    };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
  } finally {
    await cdp.detach();
  }
}

/** Clicks the first in-page UI element whose attributes satisfy `match` (e.g. a colour swatch). */
export async function clickPageUi(
  page: Page,
  match: (attributes: Record<string, string>, nodeName: string) => boolean,
): Promise<void> {
  const { x, y } = await pageUiCenter(page, match);
  await page.mouse.click(x, y);
}

/** Waits until `match` finds an element in the in-page UI. */
export async function waitForPageUi(
  page: Page,
  match: (attributes: Record<string, string>, nodeName: string) => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((await pageUiNodes(page)).some((n) => n.attributes && match(attributesOf(n), n.nodeName))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting for the in-page UI');
}

export const byClass =
  (name: string) =>
  (attributes: Record<string, string>): boolean =>
    (attributes.class ?? '').split(/\s+/).includes(name);
export const swatch =
  (color: string) =>
  (attributes: Record<string, string>): boolean =>
    attributes['data-color'] === color && (attributes.class ?? '').includes('swatch');

/**
 * Clicks "Add note" (or "Edit note") in the open in-page toolbar and answers Readmark's note
 * editor window once its text field has focus: notes are typed there, never in the page.
 */
export async function openNoteEditor(browser: { context: BrowserContext }, page: Page): Promise<Page> {
  const opened = browser.context.waitForEvent('page', (p) => p.url().includes('/note.html#'));
  await clickPageUi(page, byClass('note-toggle'));
  const editor = await opened;
  await editor.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  return editor;
}

import type { Page } from 'playwright-core';
import { HIGHLIGHT_PAINT } from '../../components/shared/highlight-colors';

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Finds the first occurrence of `text` in the page and either selects it or scrolls it into view
 * and answers its viewport rectangles: one search for both, run inside the page.
 */
function onText(page: Page, text: string, action: 'select' | 'measure'): Promise<Rect[]> {
  return page.evaluate(
    ([needle, what]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(needle!) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle!.length);
        if (what === 'select') {
          document.getSelection()!.removeAllRanges();
          document.getSelection()!.addRange(range);
          return [];
        }
        // Instantly (pages may scroll smoothly): the rectangles are measured after scrolling.
        range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
        return [...range.getClientRects()].map((r) => ({
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
        }));
      }
      throw new Error(`"${needle}" is not on the page`);
    },
    [text, action] as const,
  );
}

const rectsOf = (page: Page, text: string) => onText(page, text, 'measure');

/**
 * The rectangles once the page has stopped moving: pages may still be re-scrolling (the reader
 * keeps the reading place after a layout change), and a drag measured mid-move selects the wrong text.
 */
async function settledRectsOf(page: Page, text: string) {
  let previous = JSON.stringify(await rectsOf(page, text));
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.waitForTimeout(100);
    const current = JSON.stringify(await rectsOf(page, text));
    if (current === previous) break;
    previous = current;
  }
  return JSON.parse(previous) as Rect[];
}

/** Selects `text` by dragging the mouse over it, as a reader does. */
export async function dragSelect(page: Page, text: string): Promise<void> {
  const rects = await settledRectsOf(page, text);
  const first = rects[0]!;
  const last = rects[rects.length - 1]!;
  await page.mouse.move(first.left + 1, (first.top + first.bottom) / 2);
  await page.mouse.down();
  await page.mouse.move(last.right - 1, (last.top + last.bottom) / 2, { steps: 5 });
  await page.mouse.up();
}

/** Clicks the middle of the first occurrence of `text` (e.g. on a painted highlight). */
export async function clickText(page: Page, text: string): Promise<void> {
  const [rect] = await rectsOf(page, text);
  await page.mouse.click((rect!.left + rect!.right) / 2, (rect!.top + rect!.bottom) / 2);
}

/** Selects `text` without the mouse (for paths that read the selection, like the context menu). */
export async function selectText(page: Page, text: string): Promise<void> {
  await onText(page, text, 'select');
}

/**
 * How many ranges each Readmark colour paints in the page (CSS Custom Highlight API). The
 * registry's names are random, so, as a page script could, this finds each name's colour in
 * the document's stylesheets and names it by Readmark's paint.
 */
export function paintedCounts(page: Page): Promise<Record<string, number>> {
  const paint = Object.fromEntries(
    Object.entries(HIGHLIGHT_PAINT).map(([color, { background }]) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(background.slice(i, i + 2), 16));
      return [`rgb(${r}, ${g}, ${b})`, color];
    }),
  );
  return page.evaluate((colorOfPaint) => {
    const colorOfName = new Map<string, string>();
    for (const sheet of [...document.adoptedStyleSheets, ...document.styleSheets])
      for (const rule of sheet.cssRules) {
        const name = /::highlight\(([\w-]+)\)/.exec((rule as CSSStyleRule).selectorText ?? '')?.[1];
        const color = colorOfPaint[(rule as CSSStyleRule).style?.backgroundColor ?? ''];
        if (name && color) colorOfName.set(name, color);
      }
    const counts: Record<string, number> = {};
    for (const [name, highlight] of CSS.highlights) {
      const color = colorOfName.get(name) ?? name;
      if (highlight.size) counts[color] = (counts[color] ?? 0) + highlight.size;
    }
    return counts;
  }, paint);
}

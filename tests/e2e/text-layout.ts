import type { Page } from 'playwright-core';

/** One line box of article text, in document coordinates, with a few of its characters to name it. */
export interface TextBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  text: string;
  /** In a sideways-scrolling container (wide tables and code scroll, as WCAG 1.4.10 allows). */
  scrolls: boolean;
}

/**
 * Every box of text in the reader's article: one per line a text node spans (Range.getClientRects).
 */
export const textBoxes = (page: Page): Promise<TextBox[]> =>
  page.evaluate(() => {
    const article = document.querySelector('.reader-content')!;
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const boxes: TextBox[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      if (!/\S/.test(text)) continue;
      const scrolls = Boolean(node.parentElement?.closest('pre, table'));
      range.selectNodeContents(node);
      for (const r of range.getClientRects())
        if (r.width > 0 && r.height > 0)
          boxes.push({
            left: r.left + scrollX,
            right: r.right + scrollX,
            top: r.top + scrollY,
            bottom: r.bottom + scrollY,
            text: text.trim().slice(0, 30),
            scrolls,
          });
    }
    return boxes;
  });

/** Pairs of text boxes that overlap by more than `slack` px both ways (touching is fine). */
export function overlaps(boxes: TextBox[], slack = 2): string[] {
  const sorted = [...boxes].sort((a, b) => a.top - b.top);
  const found: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.top < a.bottom - slack; j++) {
      const b = sorted[j]!;
      const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const tall = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (wide > slack && tall > slack) found.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return found;
}

/**
 * The WCAG 1.4.12 values as the reader's body text computes them, in ems of each element's font
 * size: the smallest line height, letter and word spacing over every block of text (paragraphs,
 * list items, quotes, captions, table cells) and the smallest space after a paragraph, plus
 * whether any of them is justified. Null when the article has no paragraph.
 */
export const bodyTextSpacing = (page: Page) =>
  // No named functions inside: tsx's keepNames would call a __name helper the page does not have.
  page.evaluate(() => {
    const selector = '.reader-content :is(p, li, blockquote, figcaption, dd, dt, td, th)';
    const found = {
      lineHeight: Infinity,
      letterSpacing: Infinity,
      wordSpacing: Infinity,
      paragraph: Infinity,
    };
    let justified = false;
    let paragraphs = 0;
    for (const el of document.querySelectorAll(selector)) {
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /\S/.test(n.nodeValue ?? '')))
        continue;
      const style = getComputedStyle(el);
      const size = Number.parseFloat(style.fontSize);
      found.lineHeight = Math.min(found.lineHeight, Number.parseFloat(style.lineHeight) / size);
      found.letterSpacing = Math.min(found.letterSpacing, Number.parseFloat(style.letterSpacing) / size);
      found.wordSpacing = Math.min(found.wordSpacing, Number.parseFloat(style.wordSpacing) / size);
      if (el.localName === 'p') {
        paragraphs++;
        found.paragraph = Math.min(found.paragraph, Number.parseFloat(style.marginBottom) / size);
      }
      justified ||= style.textAlign === 'justify';
    }
    return paragraphs ? { ...found, align: justified ? 'justify' : 'start' } : null;
  });

/** What is wrong with the reader's layout now: a horizontal scrollbar, overlapping or cut text. */
export async function layoutFaults(page: Page): Promise<{ boxes: number; faults: string[] }> {
  const size = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  const boxes = await textBoxes(page);
  const faults: string[] = [];
  if (size.scroll > size.client) faults.push(`horizontal scrollbar (${size.scroll} > ${size.client} px)`);
  for (const pair of overlaps(boxes)) faults.push(`overlapping text ${pair}`);
  // Text outside the window is cut off (tables and code scroll sideways instead: allowed).
  for (const box of boxes)
    if (!box.scrolls && (box.left < -1 || box.right > size.client + 1))
      faults.push(`text cut at the window's edge "${box.text}"`);
  return { boxes: boxes.length, faults };
}

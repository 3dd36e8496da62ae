import type { CDPSession, Page } from 'playwright-core';
import { installFakeSpeech } from './fake-speech';
import { pageUiNodes } from './page-ui';
import { attachRealPopup } from './real-popup';

/**
 * Helpers for Listen on the live page. The content script runs in an isolated world, so the
 * scripted speech engine (fake-speech.ts) must be installed there, not in the page's world
 * (page.addInitScript): the DevTools protocol lists the extension's world among the page's
 * execution contexts, and evaluates in it.
 */

const WORDS = [
  'river',
  'morning',
  'garden',
  'lantern',
  'harbour',
  'window',
  'quiet',
  'letter',
  'mountain',
  'orchard',
  'bridge',
  'silver',
  'meadow',
  'station',
  'kitchen',
  'winter',
  'candle',
  'village',
  'painter',
  'engine',
  'market',
  'island',
  'teacher',
  'forest',
  'ribbon',
  'compass',
  'harvest',
  'signal',
  'library',
  'thunder',
];
const VERBS = [
  'follows',
  'remembers',
  'carries',
  'watches',
  'crosses',
  'gathers',
  'answers',
  'opens',
  'mends',
];

/** A deterministic sentence of our own words (no text we did not write). */
function sentence(seed: number): string {
  const length = 8 + (seed % 9);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const n = (seed * 31 + i * 17 + (seed >> 2)) % WORDS.length;
    words.push(i === 2 ? VERBS[(seed + i) % VERBS.length]! : WORDS[n]!);
  }
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Paragraphs of about `words` words in total, `perParagraph` words each. */
export function articleParagraphs(words: number, seed = 1, perParagraph = 50): string[] {
  const paragraphs: string[] = [];
  let count = 0;
  let s = seed;
  while (count < words) {
    const sentences: string[] = [];
    let inParagraph = 0;
    while (inParagraph < perParagraph) {
      const next = sentence(s++);
      sentences.push(next);
      inParagraph += next.split(' ').length;
    }
    count += inParagraph;
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs;
}

/** Words the page's furniture uses and the article never does: none of them may be spoken. */
export const FURNITURE_WORDS = ['Subscribe', 'Newsletter', 'Homepage', 'Sponsored', 'Cookies'];

/**
 * A news page: a menu, the article (a heading and the paragraphs, some words in links and
 * emphasis), a "related" aside and a footer; `style` varies the layout for line focus.
 */
export function newsPage(paragraphs: readonly string[], style = ''): string {
  const body = paragraphs
    .map((p, i) => {
      if (i % 5 !== 2) return `<p>${p}</p>`;
      const [first, second, ...rest] = p.split(' ');
      return `<p><a href="#p${i}">${first} ${second}</a> <em>${rest.slice(0, 3).join(' ')}</em> ${rest.slice(3).join(' ')}</p>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The harbour lantern</title>
<style>body { font: 18px/1.5 Georgia, serif; margin: 0 auto; max-width: 42rem; padding: 1rem; } ${style}</style></head>
<body>
<nav><a href="/">Homepage</a> · <a href="/news">News</a> · <a href="/subscribe">Subscribe</a> · <a href="/newsletter">Newsletter</a></nav>
<main><article>
<h1>The harbour lantern</h1>
<p class="byline">By Ada Example</p>
${body}
</article>
<aside><h2>Sponsored stories</h2><ul><li><a href="/x">Sponsored: ten kitchens</a></li><li><a href="/y">Newsletter offers</a></li></ul></aside>
</main>
<footer><p>Cookies and privacy · Subscribe to our Newsletter · Homepage</p></footer>
</body></html>`;
}

/** The content script's world on `page`, where the fake engine lives and its events are sent. */
export interface ContentWorld {
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

export async function contentWorld(page: Page, extensionId: string): Promise<ContentWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const origin = `chrome-extension://${extensionId}`;
  const deadline = Date.now() + 10_000;
  let id: number | undefined;
  while (id === undefined && Date.now() < deadline) {
    id = contexts.filter((c) => c.origin === origin).at(-1)?.id;
    if (id === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  if (id === undefined) throw new Error('no Readmark content script in the page');
  const contextId = id;
  return {
    async evaluate<T>(expression: string) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails)
        throw new Error(`content world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    },
    detach: () => cdp.detach(),
  };
}

export interface Spoken {
  text: string;
  at: number;
}

/** Speech and marks, as seen from the content script's world. */
export function speech(world: ContentWorld) {
  const api = 'window.__speech';
  return {
    install: () => world.evaluate(`(${installFakeSpeech.toString()})({ noVoices: false })`),
    spoken: () => world.evaluate<Spoken[]>(`${api}.spoken.map(({ text, at }) => ({ text, at }))`),
    count: () => world.evaluate<number>(`${api}.spoken.length`),
    end: () => world.evaluate(`${api}.end()`),
    boundary: (index: number, length: number) => world.evaluate(`${api}.boundary(${index}, ${length})`),
    /** The text under each custom highlight, by priority: [sentence (0), word (1)]. */
    marks: () =>
      world.evaluate<{ sentence: string; word: string }>(`(() => {
        const out = { sentence: '', word: '' };
        for (const [, highlight] of CSS.highlights) {
          const text = [...highlight].map((range) => range.toString()).join(' | ');
          if (highlight.priority === 1) out.word = text; else out.sentence = text;
        }
        return out;
      })()`),
  };
}

/** Opens the real popup on `page` and clicks its Listen button (the content script is injected by then). */
export async function listenFromPopup(
  browser: {
    context: Page['context'] extends () => infer C ? C : never;
    extensionId: string;
    clickToolbarButton(page: Page): Promise<void>;
  },
  page: Page,
  beforeClick?: () => Promise<void>,
): Promise<void> {
  await browser.clickToolbarButton(page);
  const popup = await attachRealPopup(browser);
  await popup.waitFor(`document.querySelector('#listen-page')`);
  await beforeClick?.();
  // Clicked after this evaluation answers: the popup closes itself once the page has the message.
  await popup.evaluate(`setTimeout(() => document.querySelector('#listen-page').click(), 0)`);
  // Not popup.close(): the popup closes itself, and a message to a closed target is rejected
  // where real-popup.ts does not catch it (an unhandled rejection that fails the run).
}

/** Collapses whitespace, as the text model does. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Gives keyboard focus to the first in-page UI element with `data-action` = `action` (a person would Tab there). */
export async function focusPageUi(page: Page, action: string): Promise<void> {
  const node = (await pageUiNodes(page)).find((n) => {
    const attributes = n.attributes ?? [];
    return attributes.some(
      (value, i) => i % 2 === 0 && value === 'data-action' && attributes[i + 1] === action,
    );
  });
  if (!node) throw new Error(`no ${action} in the in-page UI`);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    await cdp.send('DOM.focus', { backendNodeId: node.backendNodeId });
  } finally {
    await cdp.detach();
  }
}

/**
 * The article's rendered lines measured independently of Readmark (in the page's world): a box
 * per line fragment of each text node, grouped by where their middles fall.
 */
export function articleLines(selector: string): { top: number; bottom: number }[] {
  const boxes: { top: number; bottom: number }[] = [];
  for (const block of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\S/.test(node.nodeValue ?? '')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects())
        if (r.width > 0 && r.height > 0) boxes.push({ top: r.top + scrollY, bottom: r.bottom + scrollY });
    }
  }
  // A fragment whose vertical middle falls inside the line above belongs to that line.
  boxes.sort((a, b) => a.top - b.top);
  const lines: { top: number; bottom: number }[] = [];
  for (const box of boxes) {
    const middle = (box.top + box.bottom) / 2;
    const line = lines.at(-1);
    if (line && middle >= line.top && middle <= line.bottom) {
      line.top = Math.min(line.top, box.top);
      line.bottom = Math.max(line.bottom, box.bottom);
    } else lines.push({ top: box.top, bottom: box.bottom });
  }
  return lines;
}

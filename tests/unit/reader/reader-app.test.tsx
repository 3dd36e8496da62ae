// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ReaderApp } from '@/components/reader';
import { getSetting, openDb, type ReadmarkDb, saveArticle, setSetting } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

// The whole reader over a real (fake-indexeddb) database: what is stored comes back on screen.
let db: ReadmarkDb;
let root: HTMLElement;

beforeEach(() => {
  db = openDb(`readmark-reader-${crypto.randomUUID()}`);
  root = document.body.appendChild(document.createElement('div'));
  // jsdom has no matchMedia, scrolling or ResizeObserver; the reader needs them (no layout here).
  window.matchMedia = vi.fn((query: string) => ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
  window.scrollTo = vi.fn() as typeof window.scrollTo;
  window.scrollBy = vi.fn() as typeof window.scrollBy;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  // WXT's fake browser has no i18n: each string reads as its key.
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation((key: string) => key);
});
afterEach(() => {
  render(null, root);
  root.remove();
  db.close();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Renders the reader and waits until `ready` finds something (liveQuery answers asynchronously). */
async function renderReader(id: string, ready: () => Element | null) {
  await act(() => render(<ReaderApp db={db} id={id} />, root));
  await vi.waitFor(() => expect(ready()).not.toBeNull());
}

const sectioned = `<p>Intro.</p>${['One', 'Two', 'Three'].map((h) => `<h2>${h}</h2><p>Text.</p>`).join('')}
  <img src="https://example.org/x.jpg" alt=""><p><a href=" JavaScript:alert(1)">bad</a></p>`;

describe('ReaderApp', () => {
  test('shows the article sanitised again, pictures never fetched from the web, and a table of contents', async () => {
    const saved = await saveArticle(db, makeExtracted({ contentHtml: sectioned }));
    if (!saved.ok) throw new Error('not saved');
    await renderReader(saved.value.id, () => root.querySelector('.reader-content'));
    expect(root.querySelector('h1')?.textContent).toBe('Harbour town votes to rebuild its footbridge');
    // No picture was stored: a placeholder without src, and the offer to load it.
    expect(root.querySelector('.reader-content img')?.hasAttribute('src')).toBe(false);
    expect(root.querySelector('#load-images')).not.toBeNull();
    expect(root.querySelector('.reader-content a')?.hasAttribute('href')).toBe(false);
    const links = [...root.querySelectorAll('.reader-toc a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['#rm-one', '#rm-two', '#rm-three']);
    for (const href of links) expect(root.querySelector(href!)).not.toBeNull();
  });

  test('applies stored settings, and falls back field by field on invalid ones', async () => {
    const saved = await saveArticle(db, makeExtracted());
    if (!saved.ok) throw new Error('not saved');
    await setSetting(db, 'reader', {
      font: 'legible', // the stack before fonts were bundled, led by Atkinson Hyperlegible
      fontSize: 'huge',
      theme: 'sepia',
      width: 80,
      letterSpacing: 0.12,
      paragraphSpacing: 2,
    });
    await renderReader(saved.value.id, () => document.querySelector('html[data-theme="sepia"]'));
    const html = document.documentElement;
    expect(html.dataset.font).toBe('atkinson');
    expect(html.style.getPropertyValue('--reader-font-size')).toBe('19px');
    expect(html.style.getPropertyValue('--reader-measure')).toBe('80ch');
    expect(html.style.getPropertyValue('--reader-letter-spacing')).toBe('0.12em');
    // No word spacing was stored: it rises with the letter spacing (WCAG's 0.16 for 0.12).
    expect(html.style.getPropertyValue('--reader-word-spacing')).toBe('0.16em');
    expect(html.style.getPropertyValue('--reader-paragraph-spacing')).toBe('2em');
  });

  test('a change made in the settings panel is applied and saved', async () => {
    const saved = await saveArticle(db, makeExtracted());
    if (!saved.ok) throw new Error('not saved');
    await renderReader(saved.value.id, () => root.querySelector('#reader-settings-toggle'));
    await act(() => root.querySelector<HTMLButtonElement>('#reader-settings-toggle')!.click());
    const dark = root.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')!;
    await act(() => dark.click());
    expect(document.documentElement.dataset.theme).toBe('dark');
    await vi.waitFor(async () =>
      expect(await getSetting<{ theme?: string }>(db, 'reader', {})).toMatchObject({ theme: 'dark' }),
    );
  });

  test('a missing article says so and links to the library', async () => {
    await renderReader('no-such-id', () => root.querySelector('[role="alert"]'));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('articleMissing');
  });
});

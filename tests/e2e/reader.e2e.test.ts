import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, describeFindings } from './axe';
import { SCREENSHOTS, useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { saveThroughPopup } from './real-popup';

/** axe-core's WCAG 2.x A/AA (and best-practice) violations on the page, as "rule: target" lines. */
const wcagViolations = async (page: Page) =>
  describeFindings(
    await axeViolations(page, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] }),
  );

interface StoredMeta {
  id: string;
  title: string;
  progress: number;
}

// The reader view of a saved article: settings and reading position survive a reload, contents
// for sectioned articles, the side panel, and how it all looks in light and dark.
describe('reader view', () => {
  const env = useExtensionBrowser();

  /** Saves a fixture page through the real toolbar popup; returns its stored metadata. */
  async function save(path: string, title: string): Promise<StoredMeta> {
    await saveThroughPopup(env.browser, `${env.server.origin}${path}`);
    const meta = (await readStore<StoredMeta>(env.browser.sw, 'articles')).find((m) => m.title === title);
    if (!meta) throw new Error(`${title} was not saved`);
    return meta;
  }

  async function openReader(id: string): Promise<Page> {
    const reader = await env.browser.open(env.browser.extensionUrl(`/reader.html?id=${id}`));
    await reader.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => reader.locator('.reader-content p').count()).toBeGreaterThan(5);
    return reader;
  }

  /** The reader's progress through the article (0..1) from where the page is scrolled. */
  const progressIn = (reader: Page) =>
    reader.evaluate(() => {
      const article = document.querySelector<HTMLElement>('.reader-content')!;
      const bottom = article.getBoundingClientRect().bottom + scrollY;
      return scrollY / (bottom - document.documentElement.clientHeight);
    });

  // The reader keeps its place through a reflow: the paragraph under the reading line (80 px, just
  // below the tool bar) stays there. Place one paragraph's middle on the line, then read where the
  // line falls in it (0 = its top, 1 = its bottom).
  const LINE = 80;
  const NEWS_PARAGRAPH = 'The new bridge will be made';
  /** Under "Sheltered plots", early enough that a wider page can still scroll it to the line. */
  const GUIDE_PARAGRAPH = 'If every corner of the plot';
  // A paragraph is named by its opening words, not its place: what extraction keeps around it (a
  // byline, a short label) may change without the paragraph changing.
  const placeOnLine = (reader: Page, opening: string) =>
    reader.evaluate(
      ([opening, line]) => {
        const paragraph = [...document.querySelectorAll('.reader-content p')].find((p) =>
          p.textContent!.startsWith(opening as string),
        );
        const rect = paragraph!.getBoundingClientRect();
        window.scrollBy({
          top: Math.round(rect.top + rect.height / 2 - (line as number)),
          behavior: 'instant',
        });
        // Scroll events fire with the next frames: let the reader see where it now is.
        return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      },
      [opening, LINE] as const,
    );
  /** Still the same paragraph at the line, give or take a line of text. */
  const nearMiddle = (at: number) => at > 0.3 && at < 0.7;
  const lineIn = (reader: Page, opening: string) =>
    reader.evaluate(
      ([opening, line]) => {
        const paragraph = [...document.querySelectorAll('.reader-content p')].find((p) =>
          p.textContent!.startsWith(opening as string),
        );
        const rect = paragraph!.getBoundingClientRect();
        return ((line as number) - rect.top) / rect.height;
      },
      [opening, LINE] as const,
    );

  test('settings and reading position are kept across a reload', async () => {
    const meta = await save('/pages/news-article.html', 'Harbour town votes to rebuild its tidal footbridge');
    const reader = await openReader(meta.id);
    expect(await reader.title()).toBe(meta.title);
    expect(await reader.locator('.reader-toc').count()).toBe(0); // one heading only: no contents
    // The article's picture is an SVG, which Readmark does not store: a placeholder, never fetched.
    const sources = await reader
      .locator('.reader-content img')
      .evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src')));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((src) => src === null || src.startsWith('blob:'))).toBe(true);
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-light.png') });

    // The "Aa" button is reachable and usable from the keyboard.
    await reader.locator('#reader-settings-toggle').focus();
    await reader.keyboard.press('Enter');
    await expect.poll(() => reader.locator('#reader-settings-panel').isVisible()).toBe(true);
    expect(await reader.locator('#reader-settings-toggle').getAttribute('aria-expanded')).toBe('true');
    await reader.getByRole('radio', { name: 'Dark' }).check();
    await reader.getByRole('radio', { name: 'Sans' }).check();
    await reader.getByLabel('Text size').fill('21');
    expect(await reader.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await reader.locator('html').getAttribute('data-font')).toBe('sans');
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-settings-dark.png') });
    await reader.keyboard.press('Escape');
    await expect.poll(() => reader.locator('#reader-settings-panel').count()).toBe(0);
    expect(await reader.evaluate(() => document.activeElement?.id)).toBe('reader-settings-toggle');

    // Scroll to the middle of the article and wait for the (throttled) save.
    const halfway = await reader.evaluate(() => {
      const article = document.querySelector<HTMLElement>('.reader-content')!;
      const end = article.getBoundingClientRect().bottom + scrollY - document.documentElement.clientHeight;
      return end > 400 ? Math.round(end / 2) : null;
    });
    expect(halfway, 'the article must be taller than the window').not.toBeNull();
    await reader.evaluate((y) => window.scrollTo({ top: y!, behavior: 'instant' }), halfway);
    await expect
      .poll(
        async () => (await readStore<StoredMeta>(reader, 'articles')).find((m) => m.id === meta.id)?.progress,
      )
      .toBeCloseTo(0.5, 1);
    expect(await reader.locator('.reader-progress').getAttribute('aria-valuenow')).toBe('50');

    await reader.reload();
    await expect.poll(() => reader.locator('.reader-content p').count()).toBeGreaterThan(5);
    expect(await reader.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await reader.locator('html').getAttribute('data-font')).toBe('sans');
    const style = await reader.evaluate(() => {
      const content = getComputedStyle(document.querySelector('.reader')!);
      return {
        bg: getComputedStyle(document.body).backgroundColor,
        size: content.fontSize,
        font: content.fontFamily,
      };
    });
    expect(style.bg).toBe('rgb(27, 27, 31)');
    expect(style.size).toBe('21px');
    expect(style.font).toContain('system-ui');
    await expect.poll(() => progressIn(reader)).toBeCloseTo(0.5, 1);
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-dark.png') });
    await reader.locator('#reader-settings-toggle').click();
    expect(await reader.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    expect(await reader.getByLabel('Text size').inputValue()).toBe('21');
    // Larger text reflows the article: the line being read stays under the tool bar. (A paragraph
    // in the first half: near the end of this short article the page cannot scroll that far.)
    await placeOnLine(reader, NEWS_PARAGRAPH);
    await reader.getByLabel('Text size').fill('27');
    await expect
      .poll(() => reader.locator('.reader').evaluate((e) => getComputedStyle(e).fontSize))
      .toBe('27px');
    expect(nearMiddle(await lineIn(reader, NEWS_PARAGRAPH))).toBe(true);
    await reader.getByLabel('Text size').fill('21');
    await reader.close();
  });

  test('the side panel shows highlights, tags and what extraction removed', async () => {
    const [meta] = await readStore<StoredMeta>(env.browser.sw, 'articles');
    // Extraction does not report removals yet: give the stored article one, as it will.
    await env.browser.sw.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('readmark');
          open.onsuccess = () => {
            const tx = open.result.transaction('contents', 'readwrite');
            const store = tx.objectStore('contents');
            const get = store.get(id);
            get.onsuccess = () =>
              store.put({
                ...get.result,
                removed: [
                  {
                    rule: 'newsletter',
                    label: 'Newsletter box',
                    sample: 'Get the morning tide report',
                    html: '<h4>Get the morning tide report</h4><p>Sign up for our free newsletter.</p>',
                  },
                ],
              });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      meta!.id,
    );

    const reader = await openReader(meta!.id);
    await reader.locator('#reader-panel-toggle').focus();
    await reader.keyboard.press('Enter');
    const panel = reader.locator('#reader-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect.poll(() => reader.evaluate(() => document.activeElement?.id)).toBe('reader-panel');
    expect(await panel.textContent()).toContain('No highlights or notes yet.');
    expect(await panel.textContent()).toContain('No tags yet.');
    await panel.locator('#removed-summary button').click();
    await panel.locator('.removed-block summary').click();
    expect(await panel.locator('.removed-text').textContent()).toBe(
      'Get the morning tide report\nSign up for our free newsletter.',
    );
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-panel-dark.png') });
    await reader.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await reader.evaluate(() => document.activeElement?.id)).toBe('reader-panel-toggle');
    await reader.close();
  });

  test('an article with three or more headings gets a table of contents that links to them', async () => {
    const meta = await save('/pages/sectioned-guide.html', 'Keeping a rain gauge through the winter');
    const reader = await openReader(meta.id);
    // The dark theme chosen in the first test is a setting of the reader, not of one article.
    expect(await reader.locator('html').getAttribute('data-theme')).toBe('dark');
    const links = reader.locator('.reader-toc a');
    expect(await links.allTextContents()).toEqual([
      'Choosing where the gauge stands',
      'Sheltered plots',
      'Frost, snow and the overflow',
      'Reading and recording',
      'When you are away',
      'Using the record in spring',
    ]);
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-toc-dark.png') });
    await links.nth(3).click();
    const heading = reader.getByRole('heading', { name: 'Reading and recording' });
    expect(await heading.getAttribute('id')).toBe('rm-reading-and-recording');
    await expect
      .poll(() => heading.evaluate((h) => Math.round(h.getBoundingClientRect().top)), { timeout: 5_000 })
      .toBeGreaterThan(40);
    await expect.poll(() => heading.evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(120);
    await expect.poll(() => links.nth(3).getAttribute('aria-current')).toBe('location');
    expect(await reader.locator('.reader-toc [aria-current]').count()).toBe(1);

    // Under the header in a 1280 px window; beside the column, and still in view, in a wide one.
    const toc = reader.locator('.reader-toc');
    expect(await toc.getAttribute('data-placement')).toBe('inline');
    // The contents leave the flow and the lines get longer: the text being read stays in place.
    // (A paragraph early enough that the wider page can still scroll it to the line.)
    await placeOnLine(reader, GUIDE_PARAGRAPH);
    await expect.poll(() => links.nth(1).getAttribute('aria-current')).toBe('location'); // "Sheltered plots"
    await reader.setViewportSize({ width: 1700, height: 900 });
    await expect.poll(() => toc.getAttribute('data-placement')).toBe('beside');
    await expect.poll(() => lineIn(reader, GUIDE_PARAGRAPH).then(nearMiddle)).toBe(true);
    expect(await links.nth(1).getAttribute('aria-current')).toBe('location');
    const layout = await reader.evaluate(() => {
      const list = document.querySelector('.reader-toc ol')!.getBoundingClientRect();
      const column = document.querySelector('.reader-content')!.getBoundingClientRect();
      return { listRight: list.right, listTop: list.top, listBottom: list.bottom, columnLeft: column.left };
    });
    expect(layout.listRight).toBeLessThan(layout.columnLeft);
    expect(layout.listTop).toBeGreaterThan(0);
    expect(layout.listBottom).toBeLessThan(900);
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-toc-wide-dark.png') });
    await reader.close();
  });

  test('passes an accessibility audit in every theme, with its panels open, and fits a phone', async () => {
    const metas = await readStore<StoredMeta>(env.browser.sw, 'articles');
    const guide = metas.find((m) => m.title.startsWith('Keeping a rain gauge'))!;
    const reader = await openReader(guide.id);
    await reader.locator('#reader-settings-toggle').click();
    for (const theme of ['Light', 'Sepia', 'Dark']) {
      await reader.getByRole('radio', { name: theme, exact: true }).check();
      expect(await wcagViolations(reader), `${theme} with settings open`).toEqual([]);
      if (theme === 'Sepia') {
        await reader.getByRole('radio', { name: 'Atkinson Hyperlegible' }).check();
        await reader.screenshot({ path: join(SCREENSHOTS, 'reader-sepia-legible.png') });
        await reader.getByRole('radio', { name: 'Sans' }).check();
      }
    }
    // Tabbing out of the settings closes them.
    await reader.getByLabel('Line length').focus();
    for (let i = 0; i < 8 && (await reader.locator('#reader-settings-panel').count()) > 0; i++) {
      await reader.keyboard.press('Tab');
    }
    expect(await reader.locator('#reader-settings-panel').count()).toBe(0);
    await reader.locator('#reader-panel-toggle').click();
    expect(await wcagViolations(reader), 'side panel open').toEqual([]);

    // A phone-sized window: the reader keeps its place in the text, and nothing sticks out sideways.
    await placeOnLine(reader, GUIDE_PARAGRAPH);
    await reader.setViewportSize({ width: 390, height: 780 });
    await expect.poll(() => lineIn(reader, GUIDE_PARAGRAPH).then(nearMiddle)).toBe(true);
    const overflow = () =>
      reader.evaluate(() => {
        const sticksOut = [
          ...document.querySelectorAll('#reader-panel, #reader-settings-panel, .reader-bar *'),
        ]
          .map((element) => ({ element, rect: element.getBoundingClientRect() }))
          .filter(({ rect }) => rect.left < 0 || rect.right > innerWidth)
          .map(({ element }) => element.id || element.className);
        return { scroll: document.documentElement.scrollWidth - innerWidth, sticksOut };
      });
    expect(await overflow()).toEqual({ scroll: 0, sticksOut: [] });
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-phone-panel-dark.png') });
    await reader.keyboard.press('Escape');
    await reader.locator('#reader-settings-toggle').click();
    expect(await overflow()).toEqual({ scroll: 0, sticksOut: [] });
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-phone-settings-dark.png') });
    await reader.close();
  });

  test('with reduced motion asked for, nothing scrolls smoothly', async () => {
    const [meta] = await readStore<StoredMeta>(env.browser.sw, 'articles');
    const reader = await openReader(meta!.id);
    const behaviour = () => reader.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    await reader.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await behaviour()).toBe('smooth');
    await reader.emulateMedia({ reducedMotion: 'reduce' });
    expect(await behaviour()).toBe('auto');
    await reader.close();
  });
});

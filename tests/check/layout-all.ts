/**
 * `npm run check:layout`: issue #18's layout check over every Readability test page
 * (../shared/corpora/readability-test-pages, read at run time). Each page is extracted by the real
 * pipeline (Node, sanitised over jsdom), saved through the real storage code in the built
 * extension, and opened in the reader with the four WCAG 1.4.12 values applied (the reader's
 * "WCAG 1.4.12 spacing" preset, chosen once through the settings panel as a reader would) at
 * 320 CSS px and at 640 CSS px (a 1280 px window at 200% zoom). A page fails on a horizontal
 * scrollbar, overlapping text boxes, text cut at the window's edge, or spacing below the four
 * values. Prints a line per failing page and a summary; exits 1 when any page fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import type { Page } from 'playwright-core';
import { createSanitiser, extractFromHtml } from '@/utils/extraction';
import type { ExtractedArticle } from '@/utils/model';
import { pageScript } from '../bench/seed-bundle';
import { launchWithExtension } from '../e2e/browser';
import { bodyTextSpacing, layoutFaults } from '../e2e/text-layout';

const CORPUS = resolve(process.cwd(), '../shared/corpora/readability-test-pages');
// 320 CSS px is WCAG 1.4.10's width; 640 CSS px is a 1280 px window at 200% zoom.
const WIDTHS = [320, 640];

function extractCorpus(): { name: string; article: ExtractedArticle }[] {
  const sanitise = createSanitiser(new JSDOM('').window as unknown as Window & typeof globalThis);
  const articles: { name: string; article: ExtractedArticle }[] = [];
  for (const name of readdirSync(CORPUS).sort()) {
    const source = resolve(CORPUS, name, 'source.html');
    if (!existsSync(source)) continue;
    try {
      const article = extractFromHtml(readFileSync(source, 'utf8'), {
        url: `https://${name}.example/article`,
        sanitise,
      });
      articles.push({ name, article });
    } catch (error) {
      // Pages the pipeline refuses (not an article) have nothing to lay out in the reader.
      console.log(`${name}: not extracted (${(error as Error).message})`);
    }
  }
  return articles;
}

/** Chooses the WCAG preset in the reader's settings panel with the keyboard; it is stored for every article. */
async function chooseWcagPreset(page: Page) {
  await page.locator('#reader-settings-toggle').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-preset="wcag"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.waitForFunction(
    () => document.documentElement.style.getPropertyValue('--reader-letter-spacing') === '0.12em',
  );
}

// `!(x >= min)`, not `x < min`: a value the page cannot compute (NaN) is a fault too.
function spacingFaults(spacing: Awaited<ReturnType<typeof bodyTextSpacing>>): string[] {
  if (!spacing) return []; // an article with no paragraph (a table, a list): nothing to compute on
  const faults: string[] = [];
  if (!(spacing.lineHeight >= 1.5 - 0.01)) faults.push(`line height ${spacing.lineHeight.toFixed(2)} < 1.5`);
  if (!(spacing.letterSpacing >= 0.12 - 0.005))
    faults.push(`letter spacing ${spacing.letterSpacing.toFixed(3)} < 0.12`);
  if (!(spacing.wordSpacing >= 0.16 - 0.005))
    faults.push(`word spacing ${spacing.wordSpacing.toFixed(3)} < 0.16`);
  if (!(spacing.paragraph >= 2 - 0.01)) faults.push(`paragraph spacing ${spacing.paragraph.toFixed(2)} < 2`);
  if (spacing.align === 'justify') faults.push('justified text');
  return faults;
}

if (!existsSync(CORPUS)) {
  console.log(`check:layout skipped: ${CORPUS} is absent`);
  process.exit(0);
}
const started = performance.now();
const articles = extractCorpus();
const browser = await launchWithExtension();
let failed = 0;
try {
  const library = await browser.open(browser.extensionUrl('/library.html'));
  await library.evaluate(await pageScript('tests/check/layout-seed.ts'));
  const ids = await library.evaluate(
    (list) =>
      (
        globalThis as unknown as { readmarkSaveAll: (a: unknown) => Promise<Record<string, string>> }
      ).readmarkSaveAll(list),
    articles,
  );
  await library.close();

  const page = await browser.context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  let presetChosen = false;
  for (const { name } of articles) {
    const faults: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 640 });
      await page.goto(browser.extensionUrl(`/reader.html?id=${ids[name]}`));
      await page.locator('.reader-content').waitFor();
      if (!presetChosen) {
        await chooseWcagPreset(page);
        presetChosen = true;
      }
      await page.evaluate(() => document.fonts.ready);
      const layout = await layoutFaults(page);
      const spacing = spacingFaults(await bodyTextSpacing(page));
      for (const fault of [...spacing, ...layout.faults]) faults.push(`${width} px: ${fault}`);
    }
    if (faults.length) {
      failed++;
      console.log(`FAIL ${name}: ${faults.length} faults; ${faults.slice(0, 5).join('; ')}`);
    }
  }
  await page.close();
} finally {
  await browser.close();
}
console.log(
  `layout check: ${articles.length} pages × ${WIDTHS.join(' and ')} CSS px with the WCAG 1.4.12 values; ` +
    `${articles.length - failed} pass, ${failed} fail (${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loadavg()[0]!.toFixed(1)})`,
);
process.exit(failed ? 1 : 0);

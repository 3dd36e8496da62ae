import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blockText, extractFromHtml } from '@/utils/extraction';
import {
  loadReadabilityPages,
  READABILITY_PAGE_URL,
  READABILITY_PAGES_DIR,
  textOverlap,
} from '../../fixtures/extraction/corpus';

const pages = loadReadabilityPages();
if (pages.length === 0) console.warn(`Readability corpus test skipped: ${READABILITY_PAGES_DIR} not found`);

describe.skipIf(pages.length === 0)("no regression on Readability's 130 test pages", () => {
  it('keeps at least 99% of the reference text on average', () => {
    let recallSum = 0;
    const low: string[] = [];
    for (const page of pages) {
      const reference = blockText(parseHTML(`<html><body>${page.expectedHtml}</body></html>`).document.body);
      let text = '';
      try {
        text = extractFromHtml(page.html, { url: READABILITY_PAGE_URL }).textContent;
      } catch {
        // counted as recall 0
      }
      const { recall } = textOverlap(reference, text);
      recallSum += recall;
      if (recall < 0.95) low.push(`${page.name} ${recall.toFixed(3)}`);
    }
    const average = recallSum / pages.length;
    console.log(
      `average recall ${average.toFixed(4)} over ${pages.length} pages; below 0.95: ${low.join(', ')}`,
    );
    expect(pages.length).toBe(130);
    expect(average).toBeGreaterThanOrEqual(0.99);
  }, 120_000);
});

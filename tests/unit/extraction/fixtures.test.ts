import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '@/utils/extraction';
import { leakedStrings, loadFixtures, missingStrings, SEED_FILE } from '../../fixtures/extraction/corpus';
import { buildSeedPage, SEED_BOILERPLATE } from '../../fixtures/extraction/seed-page';

const fixtures = loadFixtures();

describe('CMS fixtures', () => {
  it('has at least ten themes', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  for (const { name, html, expected } of fixtures) {
    it(`${name}: keeps every paragraph and leaks no boilerplate`, () => {
      const article = extractFromHtml(html, { url: expected.url });
      expect(missingStrings(article.textContent, expected.paragraphs)).toEqual([]);
      expect(missingStrings(article.textContent, expected.keep)).toEqual([]);
      expect(leakedStrings(article.textContent, expected.boilerplate)).toEqual([]);
      for (const key of [
        'title',
        'byline',
        'siteName',
        'publishedTime',
        'leadImage',
        'canonicalUrl',
      ] as const) {
        if (expected[key] !== undefined) expect(article[key], key).toBe(expected[key]);
      }
      if (expected.pullQuoteOnce) {
        expect(article.textContent.split(expected.pullQuoteOnce).length - 1).toBe(1);
      }
      expect(article.contentHtml).not.toMatch(/<script|data:image|src="\//i);
      // Readability creates "DIV" and "P"; the article must hold ordinary lower-case elements.
      expect(article.contentHtml).not.toMatch(/<\/?[A-Z]/);
    });
  }
});

const seedExists = existsSync(SEED_FILE);
if (!seedExists) console.warn(`Seed page test skipped: ${SEED_FILE} not found`);

describe.skipIf(!seedExists)('seed page (tagDiv-like markup around ../shared/seed text)', () => {
  it('keeps the caption and every paragraph, and none of the boilerplate', () => {
    const seed = buildSeedPage(readFileSync(SEED_FILE, 'utf8'));
    const article = extractFromHtml(seed.html, { url: 'https://news.example/2023/11/myanmar-fraud/' });
    expect(seed.paragraphs.length).toBeGreaterThan(8);
    expect(missingStrings(article.textContent, [seed.caption, ...seed.paragraphs])).toEqual([]);
    expect(leakedStrings(article.textContent, SEED_BOILERPLATE)).toEqual([]);
    // "Source", the widget's label, is matched as a whole word: the article may speak of sources.
    expect(article.textContent).not.toMatch(/\bSource\b/);
    expect(article.leadImage).toBe('https://news.example/wp-content/uploads/embassy.jpg');
  });
});

import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '@/utils/extraction';
import { BLOCK_MARK, segmentBlocks } from '../../../utils/extraction/blocks';
import {
  clearBlockMarks,
  decideBlocks,
  keptBlocks,
  removeBlocks,
} from '../../../utils/extraction/learned-filter';
import type { Prepared } from '../../../utils/extraction/prepare';
import { loadFixtures } from '../../fixtures/extraction/corpus';

function setUp(html: string) {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const blocks = segmentBlocks(doc.body);
  const prepared = { removals: [] } as unknown as Prepared;
  return { doc, blocks, prepared };
}

describe('learned filter', () => {
  it('keeps a block only when Readability kept it and the model reaches the threshold', () => {
    expect(decideBlocks([true, true, false, true], [0.9, 0.1, 0.9, Number.NaN], 0.3)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    // Threshold 0: the filter is off for that page type, everything Readability kept stays.
    expect(decideBlocks([true, true, false], [0.9, 0, 0.9], 0)).toEqual([true, true, false]);
  });

  it("finds Readability's kept blocks by their stamps, even after a rename", () => {
    const { doc, blocks } = setUp(
      '<html><body><div>One line of text.</div><p>Two.</p><p>Three.</p></body></html>',
    );
    const content = doc.createElement('div');
    const renamed = doc.createElement('p');
    renamed.setAttribute(BLOCK_MARK, blocks[0]!.el.getAttribute(BLOCK_MARK)!);
    content.append(renamed, blocks[2]!.el);
    expect(keptBlocks(content, blocks.length).kept).toEqual([true, false, true]);
  });

  it('replaces a dropped block by a removal marker and traces it, and takes only a container’s own loose text', () => {
    const { doc, blocks, prepared } = setUp(
      '<html><body><div id="box">Share this story <a href="/s">now</a><p>The paragraph stays.</p></div><p>Sign up today for offers.</p></body></html>',
    );
    expect(blocks.map((block) => block.text)).toEqual([
      'Share this story now',
      'The paragraph stays.',
      'Sign up today for offers.',
    ]);
    const { elements } = keptBlocks(doc.body, blocks.length);
    removeBlocks(doc, blocks, elements, [0, 2], prepared);
    clearBlockMarks(doc.body);
    const html = doc.body.innerHTML;
    expect(html).toContain('<p>The paragraph stays.</p>');
    expect(html).not.toContain('Share this story');
    expect(html).not.toContain('Sign up today');
    expect(html).not.toContain(BLOCK_MARK);
    expect(prepared.removals.map((removal) => [removal.rule, removal.sample])).toEqual([
      ['learned', 'Share this story now'],
      ['learned', 'Sign up today for offers.'],
    ]);
    expect(doc.body.getElementsByTagName('readmark-removed')).toHaveLength(2);
  });
});

describe('the extension pipeline (extract-from-html, as the Worker runs it) uses the model', () => {
  it('classifies a CMS article fixture as an article and leaves no block stamps in the saved HTML', () => {
    for (const { html, expected } of loadFixtures()) {
      const article = extractFromHtml(html, { url: expected.url });
      expect(article.pageType).toBe('article');
      expect(article.contentHtml).not.toContain(BLOCK_MARK);
    }
  });

  it('tells a product page apart from an article', () => {
    const cards = Array.from(
      { length: 12 },
      (_, i) =>
        `<li class="product-card"><a href="/p/${i}">Walking boot model ${i}</a><span class="price">$${40 + i}.99</span><button>Add to cart</button></li>`,
    ).join('');
    const html = `<html><head><title>Boots</title><script type="application/ld+json">{"@type":"Product","name":"Trail boot"}</script><meta property="og:type" content="product"></head><body><main><h1>Trail boot</h1><p>Waterproof leather, sizes 36 to 47, free shipping. In stock.</p><ul class="grid">${cards}</ul></main></body></html>`;
    const article = extractFromHtml(html, { url: 'https://shop.example/products/trail-boot' });
    expect(article.pageType).not.toBe('article');
  });
});

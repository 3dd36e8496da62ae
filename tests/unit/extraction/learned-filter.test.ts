import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractFromHtml, extractModel } from '@/utils/extraction';
import { BLOCK_MARK, segmentBlocks } from '../../../utils/extraction/blocks';
import { analysePage } from '../../../utils/extraction/extract-article';
import {
  clearBlockMarks,
  decideBlocks,
  droppableBlocks,
  isStructural,
  keptBlocks,
  removeBlocks,
  restoreRemovals,
} from '../../../utils/extraction/learned-filter';
import type { Prepared } from '../../../utils/extraction/prepare';
import { MARKER_TAG } from '../../../utils/extraction/prepare';
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

  it('drops only the blocks it may drop: a long block stays whatever its probability', () => {
    const plain = () => false;
    const droppable = droppableBlocks(
      [{ text: 'Follow us' }, { text: 'A long paragraph of the story, with many more words than that.' }],
      3,
      plain,
    );
    expect(droppable).toEqual([true, false]);
    expect(decideBlocks([true, true], [0.1, Number.NaN], 0.5, droppable)).toEqual([false, true]);
    // No limit: every block is the filter's, structure included.
    expect(droppableBlocks([{ text: 'One' }, { text: 'Two words and more' }], undefined, () => true)).toEqual(
      [true, true],
    );
    // Words are runs of letters or digits in any script; punctuation is no word.
    expect(
      droppableBlocks([{ text: '— Pin this, for later! —' }, { text: 'Über 2 Tage' }], 3, plain),
    ).toEqual([false, true]);
    // The limit itself counts as short; counting stops past it, and the next block is counted from its own start.
    expect(
      droppableBlocks(
        [{ text: 'one two three' }, { text: 'one two three four five six' }, { text: 'Share this' }],
        3,
        plain,
      ),
    ).toEqual([true, false, true]);
    // With a limit, a short block that is structure stays.
    expect(
      droppableBlocks(
        [
          { text: 'Key facts', heading: true },
          { text: 'Book a demo', heading: false },
        ],
        3,
        (block) => block.heading,
      ),
    ).toEqual([false, true]);
  });

  it('tells structure (headings, captions, code, cells, list items) from short lines of boilerplate', () => {
    const { blocks } = setUp(`<html><body><article>
      <h2>New opening hours</h2><div role="heading">Key facts</div>
      <figure><img src="a.jpg"><figcaption>Photo: Jane Doe</figcaption></figure>
      <p class="wp-caption-text">Credit: Agency</p>
      <pre><code>rows = load_rows(path)</code></pre><pre><div>print(rows)</div></pre>
      <table><tr><td>Monday</td><th>13:00</th></tr></table>
      <ul><li>Flour</li><li><p>Sugar</p></li></ul>
      <p>Follow us</p><div>Book a demo</div><p><strong>Talk to our experts</strong></p>
    </article></body></html>`);
    const structural = new Map(blocks.map((block) => [block.text, isStructural(block)]));
    expect(Object.fromEntries(structural)).toEqual({
      'New opening hours': true,
      'Key facts': true,
      'Photo: Jane Doe': true,
      'Credit: Agency': true,
      'rows = load_rows(path)': true,
      'print(rows)': true,
      Monday: true,
      '13:00': true,
      Flour: true,
      Sugar: true,
      'Follow us': false,
      'Book a demo': false,
      'Talk to our experts': false,
    });
  });

  it("finds Readability's kept blocks by their stamps, even after a rename", () => {
    const { doc, blocks } = setUp(
      '<html><body><div>One line of text.</div><p>Two.</p><p>Three.</p></body></html>',
    );
    const content = doc.createElement('div');
    const renamed = doc.createElement('p');
    renamed.setAttribute(BLOCK_MARK, blocks[0]!.el.getAttribute(BLOCK_MARK)!);
    content.append(renamed, blocks[2]!.el);
    expect(keptBlocks(content, blocks).kept).toEqual([true, false, true]);
  });

  it('finds a kept block by its text nodes when Readability moved them out of the stamped element', () => {
    const { doc, blocks } = setUp(
      '<html><body><div>Loose text of a div.<p>Its paragraph.</p></div><p>Left out.</p></body></html>',
    );
    expect(blocks.map((block) => block.text)).toEqual([
      'Loose text of a div.',
      'Its paragraph.',
      'Left out.',
    ]);
    // What Readability does to a <div>'s loose text: it goes into a new, unstamped <p> (and a
    // <div> left holding only that <p> is replaced by it, so the stamp leaves the article).
    const content = doc.createElement('div');
    const wrapper = doc.createElement('p');
    wrapper.append(blocks[0]!.el.firstChild!);
    content.append(wrapper, blocks[1]!.el);
    const { kept, elements } = keptBlocks(content, blocks);
    expect(kept).toEqual([true, true, false]);
    expect(elements.get(0)).toBe(wrapper);
    expect(elements.get(1)).toBe(blocks[1]!.el);
  });

  it('counts a block whose text landed inside another block as kept, with no element of its own to remove', () => {
    const { doc, blocks } = setUp('<html><body><div>Caption text.</div><p>Body text.</p></body></html>');
    blocks[1]!.el.append(blocks[0]!.el.firstChild!);
    const content = doc.createElement('div');
    content.append(blocks[1]!.el);
    const { kept, elements } = keptBlocks(content, blocks);
    expect(kept).toEqual([true, true]);
    expect(elements.has(0)).toBe(false);
  });

  it('keeps every block of a real Readability run whose text is in the article', () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i} of a long story about the weather in the hills, with enough words, commas, and sentences to count as prose for Readability's scoring.</p>`,
    ).join('');
    const html = `<html><head><title>Hills</title></head><body><nav><a href="/">Home</a> <a href="/a">About</a></nav><article><div><div>The lead, as loose text in a div, long enough to read as a sentence of the story, with a comma, too.</div></div>${paragraphs}</article></body></html>`;
    const { document } = parseHTML(html);
    const analysis = analysePage(document as unknown as Document, 'https://example.org/hills');
    const content = analysis.parsed!.content as unknown as Element;
    const articleText = (content.textContent ?? '').replace(/\s+/g, ' ');
    const inArticle = analysis.blocks.map((block) => articleText.includes(block.text));
    expect(analysis.kept).toEqual(inArticle);
    expect(inArticle.filter(Boolean).length).toBeGreaterThan(6);
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
    const { elements } = keptBlocks(doc.body, blocks);
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
  it('puts back what the removal rules took out of the article, links made absolute, but not hidden elements', () => {
    const prose =
      'A sentence of the thread that goes on long enough to count as prose, with commas, and more. ';
    const { document } = parseHTML(
      `<html><body><div id="thread"><p>${prose.repeat(4)}</p><div class="comments"><p>The second post of the thread, <a href="/u/7">by a member</a>.</p></div><p aria-hidden="true">Hidden words.</p><p>${prose.repeat(3)}</p></div></body></html>`,
    );
    const { parsed, prepared } = analysePage(document as unknown as Document, 'https://forum.example/t/1');
    const content = parsed!.content!;
    expect(prepared.removals.map((removal) => removal.rule).sort()).toEqual(['comments', 'hidden']);
    expect(content.getElementsByTagName(MARKER_TAG)).toHaveLength(2);
    expect(content.textContent).not.toContain('second post');

    restoreRemovals(content, prepared);
    expect(content.textContent).toContain('The second post of the thread');
    expect(content.querySelector('a')?.getAttribute('href')).toBe('https://forum.example/u/7');
    expect(content.textContent).not.toContain('Hidden words');
    expect(content.getElementsByTagName(MARKER_TAG)).toHaveLength(1);
  });

  it('classifies a CMS article fixture as an article and leaves no block stamps in the saved HTML', () => {
    for (const { html, expected } of loadFixtures()) {
      const article = extractFromHtml(html, { url: expected.url });
      expect(article.pageType).toBe('article');
      expect(article.contentHtml).not.toContain(BLOCK_MARK);
    }
  });

  it('drops only short blocks where the model limits the filter to them, and lists what it dropped', () => {
    const model = extractModel();
    const saved = { threshold: model.thresholds.article, limits: model.filterMaxWords };
    const prose =
      'A sentence of the story that goes on long enough to count as prose, with commas, and more. ';
    const html = `<html><head><title>Story</title></head><body><article><p>${prose.repeat(3)}</p><p>Follow us</p><h2>Our view</h2><p>${prose.repeat(4)}</p><figure><img src="https://news.example/a.jpg"><figcaption>Photo: Jane Doe</figcaption></figure></article></body></html>`;
    try {
      // Threshold 1: every block the filter may drop goes; only those of ≤ 3 words may, and
      // never a heading or a caption.
      model.thresholds.article = 1;
      model.filterMaxWords = { article: 3 };
      const article = extractFromHtml(html, { url: 'https://news.example/story' });
      expect(article.pageType).toBe('article');
      expect(article.textContent).not.toContain('Follow us');
      expect(article.textContent.split(prose.trim()).length - 1).toBe(7);
      expect(article.textContent).toContain('Our view');
      expect(article.textContent).toContain('Photo: Jane Doe');
      expect(article.removed.map((block) => block.sample)).toEqual(['Follow us']);
    } finally {
      model.thresholds.article = saved.threshold!;
      model.filterMaxWords = saved.limits;
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

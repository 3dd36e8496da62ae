import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '@/utils/extraction';
import { blockFeatures } from '../../../utils/extraction/block-features';
import { BLOCK_MARK, isInside, segmentBlocks } from '../../../utils/extraction/blocks';

const PAGE = `<html><body>
  <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
  <article class="post-body">
    <div class="entry">Loose lead text of the story.
      <p>The council voted on <a href="/bridge">the bridge</a> last night, after a long debate.</p>
      <p>Repairs start in spring.</p>
    </div>
    <h2>Related stories</h2>
    <ul class="related-links"><li><a href="/a">Another story entirely</a></li></ul>
  </article>
  <footer><p>© 2026 Coastline Courier</p></footer>
</body></html>`;

function blocksOf(html: string) {
  const { document } = parseHTML(html);
  return { document, blocks: segmentBlocks(document.body as unknown as Element) };
}

const column = (name: string) => FEATURE_NAMES.indexOf(name);

describe('block segmentation', () => {
  it('makes one block per block-level element, a div keeping only its loose text', () => {
    const { blocks } = blocksOf(PAGE);
    expect(blocks.map((block) => block.text)).toEqual([
      'Home',
      'News',
      'Loose lead text of the story.',
      'The council voted on the bridge last night, after a long debate.',
      'Repairs start in spring.',
      'Related stories',
      'Another story entirely',
      '© 2026 Coastline Courier',
    ]);
    expect(blocks.map((block) => block.tag)).toEqual(['li', 'li', 'div', 'p', 'p', 'h2', 'li', 'p']);
  });

  it('stamps each block with its index, counts linked text and knows its containers', () => {
    const { blocks } = blocksOf(PAGE);
    blocks.forEach((block, i) => {
      expect(block.el.getAttribute(BLOCK_MARK)).toBe(String(i));
    });
    const council = blocks[3]!;
    expect(council.linkChars).toBe('the bridge'.length);
    expect(isInside(council, 'article')).toBe(true);
    expect(isInside(council, 'nav')).toBe(false);
    expect(isInside(blocks[0]!, 'nav')).toBe(true);
    expect(isInside(blocks[7]!, 'footer')).toBe(true);
    expect(council.nearTokens).toEqual(['entry']);
    expect(council.farTokens).toContain('post');
  });

  it('skips scripts, styles and whitespace-only elements', () => {
    const { blocks } = blocksOf(
      '<html><body><div> </div><script>var x = 1;</script><style>p{}</style><p>Only</p></body></html>',
    );
    expect(blocks.map((block) => block.text)).toEqual(['Only']);
  });
});

describe('block features', () => {
  const { blocks } = blocksOf(PAGE);
  const kept = blocks.map((block) => ['div', 'p', 'h2'].includes(block.tag) && !isInside(block, 'footer'));
  const rows = blockFeatures(blocks, kept);

  it('gives one row of FEATURE_NAMES.length numbers per block, all finite', () => {
    expect(rows).toHaveLength(blocks.length);
    for (const row of rows) {
      expect(row).toHaveLength(FEATURE_NAMES.length);
      expect([...row].every(Number.isFinite)).toBe(true);
    }
  });

  it('measures link density, tags, containers and class tokens', () => {
    expect(rows[0]![column('link_density')]).toBe(1);
    expect(rows[3]![column('link_density')]).toBeCloseTo(10 / 65, 2);
    expect(rows[3]![column('tag_p')]).toBe(1);
    expect(rows[0]![column('inside_nav')]).toBe(1);
    expect(rows[6]![column('near_related')]).toBe(1);
    expect(rows[3]![column('far_content')]).toBe(1);
    expect(rows[3]![column('ends_sentence')]).toBe(1);
    expect(rows[3]![column('stop_word_share')]).toBeGreaterThan(0.2);
  });

  it("records Readability's choice for the block and its neighbours, and headings above", () => {
    expect(rows[3]![column('readability_kept')]).toBe(1);
    expect(rows[0]![column('readability_kept')]).toBe(0);
    expect(rows[1]![column('next_kept')]).toBe(1);
    expect(rows[5]![column('is_heading')]).toBe(1);
    expect(rows[6]![column('boilerplate_heading_above')]).toBe(1);
    expect(rows[4]![column('boilerplate_heading_above')]).toBe(0);
  });

  it('is deterministic', () => {
    const again = blockFeatures(blocksOf(PAGE).blocks, kept);
    expect(again).toEqual(rows);
  });
});

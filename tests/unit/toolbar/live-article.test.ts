// @vitest-environment jsdom
// jsdom: happy-dom 21 Ranges misbehave in documents made by DOMParser (they collapse).
import { describe, expect, test } from 'vitest';
import { articleBlocks, mapArticle, paragraphAt } from '@/components/toolbar/live-article';

const ARTICLE = `<h2>The orchard</h2><p>The river rose in the <em>night</em>. Nobody slept.</p>
<ul><li>First, the bridge.</li><li>Then the mill.</li></ul><p>Morning came late.</p>`;

function livePage(): Element {
  document.body.innerHTML = `<nav><a href="/">Home</a> <a href="/s">Subscribe</a></nav>
<main><article lang="en-GB"><h2>The orchard</h2>
<p>The river rose   in the <em>night</em>.
  Nobody slept.</p><div class="ad">Subscribe now</div><ul><li>First, the bridge.</li><li>Then the mill.</li></ul>
<p>Morning <a href="#x">came</a> late.</p></article></main><footer>Subscribe · Home</footer>`;
  return document.body;
}

describe('live Listen: the extracted article on the live page', () => {
  test('the article blocks, in order, whitespace collapsed', () => {
    expect(articleBlocks(ARTICLE, new DOMParser())).toEqual([
      'The orchard',
      'The river rose in the night. Nobody slept.',
      'First, the bridge.',
      'Then the mill.',
      'Morning came late.',
    ]);
  });

  test('each block is found on the page and nothing of its menus, ads or footer is read', () => {
    const root = livePage();
    const live = mapArticle(root, articleBlocks(ARTICLE, new DOMParser()), 'en');
    expect(live.missing).toBe(0);
    expect(live.paragraphs.map((p) => p.text)).toEqual([
      'The orchard',
      'The river rose in the night. Nobody slept.',
      'First, the bridge.',
      'Then the mill.',
      'Morning came late.',
    ]);
    // Ranges land on the page's own text nodes, across inline elements and collapsed spaces.
    const river = live.paragraphs[1]!;
    const night = river.text.indexOf('night');
    expect(river.rangeOf(night, night + 5).toString()).toBe('night');
    expect(river.rangeOf(0, river.text.length).toString().replace(/\s+/g, ' ')).toBe(river.text);
    expect(river.lang).toBe('en-GB');
    const heard = live.paragraphs.map((p) => p.text).join(' ');
    expect(heard).not.toContain('Subscribe');
    expect(heard).not.toContain('Home');
  });

  test('a block the page rewrote a little is found approximately; one it lacks is counted missing', () => {
    const root = livePage();
    const live = mapArticle(
      root,
      ['The river rose in the night! Nobody slept.', 'A paragraph the page never shows at all, anywhere.'],
      'en',
    );
    expect(live.paragraphs.map((p) => p.text)).toEqual(['The river rose in the night. Nobody slept.']);
    expect(live.missing).toBe(1);
  });

  test('a clicked point maps to its paragraph and offset; a point in the menu to nothing', () => {
    const root = livePage();
    const live = mapArticle(root, articleBlocks(ARTICLE, new DOMParser()), 'en');
    const came = document.querySelector('article a')!.firstChild!;
    expect(paragraphAt(live.model, live.paragraphs, came, 1)).toEqual({
      paragraph: 4,
      offset: 'Morning c'.length,
    });
    expect(
      paragraphAt(live.model, live.paragraphs, document.querySelector('nav a')!.firstChild!, 1),
    ).toBeNull();
  });
});

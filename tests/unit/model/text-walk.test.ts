import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildTextModel } from '@/utils/annotation';
import { blockLines, blockText, extractFromHtml } from '@/utils/extraction';
import { BLOCK_ELEMENTS, SKIPPED_ELEMENTS } from '@/utils/model';
import { loadFixtures } from '../../fixtures/extraction/corpus';

// With no whitespace between tags, a space in either text can only come from a block boundary:
// the saved article's text (extraction) and the anchoring text (annotation) are equal exactly
// when both put their boundaries in the same places.
const gluedBody = (html: string) =>
  parseHTML(`<html><body>${html.replace(/>\s+</g, '><')}</body></html>`).document.body as unknown as Element;

function expectSameBoundaries(root: Element): void {
  const lines = blockLines(root);
  expect(buildTextModel(root).text).toBe(lines.join(' '));
  expect(blockText(root)).toBe(lines.join(' '));
}

describe('one text walker for extraction and anchoring', () => {
  // Every element either list ever named, media and the hidden forms included.
  const tags = [
    ...BLOCK_ELEMENTS,
    ...SKIPPED_ELEMENTS,
    ...['img', 'picture', 'video', 'audio', 'canvas', 'span', 'b', 'a', 'time', 'label'],
  ];

  it.each(tags)('<%s> breaks words in the same place in both readings', (tag) => {
    expectSameBoundaries(gluedBody(`<div>one<${tag}>two</${tag}>three</div>`));
  });

  it('splits at blocks, runs inline elements on and drops skipped or hidden ones', () => {
    const root = gluedBody(
      '<p>a<b>b</b><img src="x.png">c</p><p>d<br>e</p><center>f</center><span hidden>g</span>' +
        '<span aria-hidden="true">h</span><span style="display: none">i</span><button>j</button><svg><text>k</text></svg>l',
    );
    expect(blockLines(root)).toEqual(['abc', 'd', 'e', 'f', 'l']);
    expectSameBoundaries(root);
  });

  it.each(loadFixtures().map((fixture) => [fixture.name, fixture] as const))(
    '%s: the extracted article has the same block boundaries for both',
    (_name, fixture) => {
      const article = extractFromHtml(fixture.html, { url: fixture.expected.url });
      const root = gluedBody(article.contentHtml);
      expect(blockLines(root).length).toBeGreaterThan(3);
      expectSameBoundaries(root);
    },
  );

  it.each(['en-reader.html', 'intl-reader.html', 'en-live.html', 'intl-live.html'])(
    'annotation fixture %s has the same block boundaries for both',
    (name) => {
      const html = readFileSync(path.resolve(process.cwd(), 'tests/fixtures/annotation', name), 'utf8');
      expectSameBoundaries(gluedBody(html.replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g, '')));
    },
  );
});

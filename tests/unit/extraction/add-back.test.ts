// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addBackCandidates,
  analysePage,
  blockLines,
  createSanitiser,
  type ExtractModel,
  extractFromHtml,
  extractModel,
  placements,
} from '@/utils/extraction';
import { addBlocks } from '../../../utils/extraction/add-back';
import { segmentBlocks } from '../../../utils/extraction/blocks';

// Our own prose: a river wardens' otter survey.
const para = (n: number) =>
  `<p>Paragraph ${n} of the survey report: the river wardens counted otters at nine weirs along the upper valley, and the numbers rose again after two quiet winters, which the wardens put down to cleaner water and fewer dredging works.</p>`;
const url = 'https://wardens.example/otters';
// Readability drops an <h2> whose class weighs negative ("media"): a real subheading lost.
const heading = (inner = 'How the count was run') => `<h2 class="media-heading">${inner}</h2>`;
const page = (extra = '', inner?: string) =>
  `<html><head><title>Otter survey</title></head><body><main><article><h1>Otter survey</h1>${para(1)}${para(2)}${heading(inner)}${para(3)}${para(4)}</article>${extra}</main><footer><p>Contact the wardens</p></footer></body></html>`;

function analyse(html: string) {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const analysis = analysePage(doc, url);
  const places = placements(analysis.kept, analysis.ancestry);
  return { doc, analysis, places, candidates: addBackCandidates(analysis.blocks, analysis.kept, places) };
}

describe('learned add-back', () => {
  const model = extractModel() as ExtractModel;
  const saved = { ...model.addBack!.thresholds };
  afterEach(() => {
    model.addBack!.thresholds = { ...saved };
  });

  it("considers only what Readability dropped inside its article's container or next to it", () => {
    const { analysis, places, candidates } = analyse(page());
    const texts = analysis.blocks.map((block) => block.text);
    const at = (text: string) => texts.findIndex((t) => t.startsWith(text));
    expect(analysis.kept[at('How the count')]).toBe(false);
    expect(places[at('How the count')]!.insideContainer).toBe(true);
    expect(candidates[at('How the count')]).toBe(true);
    // The footer line is near the article but outside its container: a candidate the network judges.
    expect(places[at('Contact the wardens')]!.insideContainer).toBe(false);
    // Kept blocks are never candidates.
    expect(candidates[at('Paragraph 3')]).toBe(false);
  });

  it('puts a dropped block back in page order, on a line of its own, as the element it was', () => {
    const { doc, analysis } = analyse(page());
    const content = analysis.parsed!.content!;
    const index = analysis.blocks.findIndex((block) => block.text === 'How the count was run');
    addBlocks(doc, content, analysis.blocks, analysis.elements, [index]);
    const lines = blockLines(content);
    const at = lines.indexOf('How the count was run');
    expect(lines[at - 1]).toMatch(/^Paragraph 2 /);
    expect(lines[at + 1]).toMatch(/^Paragraph 3 /);
    expect(content.getElementsByTagName('h2')[0]?.textContent).toBe('How the count was run');
  });

  it("brings back a block's own inline content only, never its child blocks, and climbs out of a list", () => {
    const { document } = parseHTML(
      '<html><body><ul><li>Kept item.</li></ul><div>Loose words <em>here</em><p>Its child paragraph.</p></div></body></html>',
    );
    const doc = document as unknown as Document;
    const blocks = segmentBlocks(doc.body);
    expect(blocks.map((block) => block.text)).toEqual([
      'Kept item.',
      'Loose words here',
      'Its child paragraph.',
    ]);
    // As Readability would leave it: the list item and the child paragraph kept, the loose text not.
    const content = doc.createElement('div');
    const list = doc.createElement('ul');
    list.append(blocks[0]!.el);
    content.append(list, blocks[2]!.el);
    const kept = new Map([
      [0, blocks[0]!.el],
      [2, blocks[2]!.el],
    ]);
    addBlocks(doc, content, blocks, kept, [1]);
    expect(blockLines(content)).toEqual(['Kept item.', 'Loose words here', 'Its child paragraph.']);
    const added = list.nextElementSibling!;
    expect(added.localName).toBe('p');
    expect(added.innerHTML).toBe('Loose words <em>here</em>');
  });

  it('sanitises what it adds like the rest of the article', () => {
    // Every candidate comes back, whatever the page's type.
    model.addBack!.thresholds = Object.fromEntries(Object.keys(saved).map((type) => [type, 1e-9]));
    const sanitise = createSanitiser(new JSDOM('').window as unknown as Window & typeof globalThis);
    const article = extractFromHtml(
      page('', 'How the <a href="javascript:alert(1)" onclick="steal()">count</a> was run'),
      { url, sanitise },
    );
    expect(article.textContent).toContain('How the count was run');
    expect(article.contentHtml).toContain('count</a>');
    expect(article.contentHtml).not.toMatch(/javascript:|onclick/);
  });

  // Twelve teasers that read like prose, in a "further reading" section after the article:
  // Readability drops them (its "extra" class), and the first few sit within NEAR_KEPT blocks.
  const listing = () => {
    const teasers = Array.from(
      { length: 12 },
      (_, n) =>
        `<div class="card"><h3><a href="/story-${n}">Story ${n} from the valley</a></h3><p>Teaser ${n}: the wardens walked the towpath at dawn and found fresh tracks beside the mill race, a sign that the family had moved upstream.</p></div>`,
    ).join('');
    return page(`<section class="extra-reading"><h2>More from the valley</h2>${teasers}</section>`);
  };

  it("with the shipped model, brings back the dropped subheading and not a listing's prose-like teasers", () => {
    const { candidates, analysis } = analyse(listing());
    const teaser = analysis.blocks.findIndex((block) => block.text.startsWith('Teaser 0:'));
    expect(analysis.kept[teaser]).toBe(false);
    expect(candidates[teaser]).toBe(true);
    const article = extractFromHtml(listing(), { url });
    // Whichever type the page classifier reads this small page as (it sits between an article
    // and a page of cards), the add-back is on for it: what follows is the add-back's choice.
    expect(model.addBack!.thresholds[article.pageType]).toBeGreaterThan(0);
    expect(article.textContent).toContain('How the count was run');
    expect(article.textContent).not.toMatch(/Teaser \d+:/);
    expect(article.textContent).not.toContain('More from the valley');
  });

  it('never considers what lies far from the article outside its container, however low the threshold', () => {
    model.addBack!.thresholds = Object.fromEntries(Object.keys(saved).map((type) => [type, 1e-9]));
    const { textContent } = extractFromHtml(listing(), { url });
    expect(textContent).toContain('Teaser 0:');
    expect(textContent).not.toContain('Teaser 11:');
  });
});

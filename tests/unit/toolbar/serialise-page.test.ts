// @vitest-environment jsdom
// jsdom: its outerHTML follows the HTML serialisation algorithm to the letter (happy-dom's does not).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { capturePageWithSelection, serialisePage } from '@/components/toolbar/serialise-page';
import { hostilePages } from '../../fixtures/hostile/hostile-pages';
import { OWN_VECTORS } from '../../fixtures/hostile/own-vectors';
import { PATHOLOGICAL_PAGES } from '../../fixtures/hostile/pathological-pages';
import { hasSeed, loadSeedPage } from '../../support/seed-page';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
/** Yields as often as possible and counts them. */
const counting = () => {
  const counter = { yields: 0, yieldToPage: async () => void counter.yields++, sliceMs: 0 };
  return counter;
};

const PAGES_DIR = resolve(process.cwd(), 'tests/fixtures/pages');
const LONG_TEXT = 'a < b & c > d\u00a0e '.repeat(20_000); // 320,000 characters: escaped in pieces
const CRAFTED: [string, string][] = [
  [
    'attributes that need escaping',
    `<p title='say "hi" &amp; <bye>' data-x="a&nbsp;b" class=" odd  spacing ">q</p><a href="/x?a=1&b=2">l</a>`,
  ],
  ['void elements', '<br><img src="a.png" alt="x"><input value="&quot;"><hr><wbr><p>after</p>'],
  ['raw text', '<style>p > a { content: "<&>" }</style><script>if (a < b && c > d) x = "</p>";</script>'],
  [
    'template, noscript, textarea',
    '<template><p>in <b>template</b></p></template><noscript><p>n</p></noscript><textarea>a &lt; b</textarea>',
  ],
  [
    'svg and mathml',
    '<svg viewBox="0 0 10 10"><foreignObject><p>x</p></foreignObject><path d="M0 0L10 10"/></svg><math><mi>x</mi></math>',
  ],
  ['comments and nbsp', '<!-- a comment --><p>one\u00a0two &amp; three <!--inner--> four</p>'],
  ['a long text node', `<pre>${LONG_TEXT.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`],
  [
    'a wide and deep tree',
    `${'<div class="row">'.repeat(100)}${Array.from({ length: 1_000 }, (_, i) => `<span data-i="${i}">s&amp;${i}</span>`).join('')}${'</div>'.repeat(100)}`,
  ],
  [
    'a form that clobbers',
    '<form><input name="childNodes"><input name="firstChild"><input name="outerHTML"><p>in the form</p></form><img name="documentElement">',
  ],
];

async function expectSameAsOuterHtml(doc: Document) {
  const counter = counting();
  const serialised = await serialisePage(doc, counter);
  expect(serialised).toBe(
    Object.getOwnPropertyDescriptor(Element.prototype, 'outerHTML')!.get!.call(doc.documentElement),
  );
  return counter.yields;
}

describe('serialisePage gives the same HTML as documentElement.outerHTML', () => {
  test.each(CRAFTED)('%s', async (_name, body) => {
    await expectSameAsOuterHtml(
      parse(`<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`),
    );
  });

  // jsdom takes minutes over the 100k-element and 5 MB pages: those are cut to their first 300,000
  // characters (at a paragraph's end). Real Chromium serialises them whole in the page-thread e2e test.
  const cut = (html: string) =>
    html.length < 300_000
      ? html
      : `${html.slice(0, html.indexOf('</p>', 300_000) + 4)}</article></body></html>`;
  test.each(PATHOLOGICAL_PAGES.map((p) => [p.name, p.html] as const))(
    'pathological page: %s',
    async (_n, html) => {
      await expectSameAsOuterHtml(parse(cut(html)));
    },
  );

  test('hostile pages', async () => {
    for (const page of hostilePages(OWN_VECTORS, 20)) await expectSameAsOuterHtml(parse(page.html));
  });

  test('article fixtures', async () => {
    for (const file of readdirSync(PAGES_DIR))
      await expectSameAsOuterHtml(parse(readFileSync(join(PAGES_DIR, file), 'utf8')));
  });

  test.skipIf(!hasSeed)('the seed page', async () => {
    await expectSameAsOuterHtml(parse(loadSeedPage().html));
  });

  test('a tree that scripts built: a void element with children, a 3,000-deep chain', async () => {
    const doc = parse('<!doctype html><html><body><div id="deep"></div></body></html>');
    const br = doc.createElement('br');
    br.append('invisible to outerHTML', doc.createElement('b'));
    doc.body.append(br);
    let node = doc.getElementById('deep')!;
    for (let i = 0; i < 3_000; i++) node = node.appendChild(doc.createElement('div'));
    node.textContent = 'the bottom';
    await expectSameAsOuterHtml(doc);
  });
});

describe('serialisePage gives the page its thread back', () => {
  test('a big page is serialised over many slices, a yield between each', async () => {
    const counter = counting();
    const html = `<body>${Array.from({ length: 2_000 }, (_, i) => `<p>${'<span>tide </span>'.repeat(10)} ${i}</p>`).join('')}</body>`;
    await serialisePage(parse(html), counter);
    // Zero-length slices: one yield per step of the walk (each of the 2,000 paragraphs at least).
    expect(counter.yields).toBeGreaterThan(2_000);
  });

  test('a small page fits in one slice and never yields', async () => {
    const counter = { yields: 0, yieldToPage: async () => void counter.yields++ };
    await serialisePage(parse('<p>one paragraph</p>'), counter);
    expect(counter.yields).toBe(0);
  });

  test('a page changing between slices still gives well-formed HTML with what stayed', async () => {
    const doc = parse(
      `<body><div id="churn">${'<p>old</p>'.repeat(3_000)}</div><p id="after">after</p></body>`,
    );
    const churn = doc.getElementById('churn')!;
    let n = 0;
    const mutate = async () => {
      churn.firstElementChild?.remove();
      churn.append(Object.assign(doc.createElement('p'), { textContent: `new ${n++}` }));
      doc.body.setAttribute('data-n', String(n));
    };
    const html = await serialisePage(doc, { yieldToPage: mutate, sliceMs: 0 });
    expect(n).toBeGreaterThan(100);
    const again = parse(html);
    expect(again.getElementById('churn')!.children.length).toBeGreaterThanOrEqual(3_000);
    expect(again.getElementById('after')!.textContent).toBe('after');
  });
});

// What the popup's capture script and the content script answer: the page and the reader's selection.
describe('capturePageWithSelection', () => {
  test("the page's HTML and title, and the selected text trimmed to what the popup shows", async () => {
    document.title = 'Harbour bridge';
    document.body.innerHTML = `<p id="p">  ${'word '.repeat(200)}</p>`;
    const text = document.getElementById('p')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, text.textContent!.length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    const captured = await capturePageWithSelection(document);
    expect(captured.title).toBe('Harbour bridge');
    expect(captured.html).toContain('<p id="p">');
    // Trimmed first, then cut at 400 characters (80 words and their spaces).
    expect(captured.selection).toBe('word '.repeat(80));

    document.getSelection()!.removeAllRanges();
    expect((await capturePageWithSelection(document)).selection).toBe('');
  });
});

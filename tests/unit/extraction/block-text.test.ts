import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blockLines, blockText, extractFromHtml, openingText } from '@/utils/extraction';

const body = (html: string) =>
  parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as Element;

describe('blockLines', () => {
  it('gives captions, credits and bylines their own lines, never glued to the next block', () => {
    const root = body(
      '<figure><img src="a.jpg"><figcaption>Photo: Ana Ruiz</figcaption></figure><p>Text <b>starts</b>\n here.</p>' +
        '<div class="byline"><span>By June Okafor</span><br>Feb 19, 2024</div><p>Step 5</p><p>Gently…</p>' +
        '<table><caption>Fares</caption><tr><td>$9,000</td><td>Up to 40%</td></tr></table><details><summary>More</summary>Body</details>',
    );
    expect(blockLines(root)).toEqual([
      'Photo: Ana Ruiz',
      'Text starts here.',
      'By June Okafor',
      'Feb 19, 2024',
      'Step 5',
      'Gently…',
      'Fares',
      '$9,000',
      'Up to 40%',
      'More',
      'Body',
    ]);
  });

  it('leaves out what a reader never sees, and what the caller skips', () => {
    const root = body(
      '<p>Seen<script>var x = "<b>markup</b>";</script><noscript><img src=x></noscript></p><time>May 2</time>',
    );
    expect(blockLines(root)).toEqual(['Seen', 'May 2']);
    expect(blockLines(root, new Set(['script', 'noscript', 'time']))).toEqual(['Seen']);
  });

  it('is what blockText joins with spaces, so saved text keeps its form', () => {
    const root = body('<h2>Title</h2>lead <i>in</i><ul><li>one</li><li>two</li></ul>tail');
    expect(blockText(root)).toBe('Title lead in one two tail');
    expect(blockText(root)).toBe(blockLines(root).join(' '));
  });

  it('stops at the number of lines asked, which are the first lines of the whole reading', () => {
    const root = body('<div><p>By <a href="/a">June Okafor</a></p><p>Editor</p></div><p>Story</p>tail');
    const all = blockLines(root);
    expect(all).toEqual(['By June Okafor', 'Editor', 'Story', 'tail']);
    expect(blockLines(root, new Set(), 1)).toEqual(all.slice(0, 1));
    expect(blockLines(root, new Set(), 3)).toEqual(all.slice(0, 3));
    expect(blockLines(root, new Set(), 9)).toEqual(all);
  });
});

describe('openingText', () => {
  const photo =
    '<figure><img src="https://pier.example/gulls.jpg"><figcaption>Gulls over the east pier at dawn. Photo: Ada Lind</figcaption></figure>';
  const first = 'The pier reopened on Friday after a winter of repairs to its timber deck.';
  const second = 'Anglers were back on the rails within the hour.';

  it('starts at the first words, not at a lead photo’s caption and credit; a picture further down is left out too', () => {
    expect(openingText(body(`${photo}<p>${first}</p><h2>Back</h2>${photo}<p>${second}</p>`), 500)).toBe(
      `${first} Back ${second}`,
    );
  });

  it('is cut at the length asked, with an ellipsis', () => {
    expect(openingText(body(`<p>${first}</p><p>${second}</p>`), 20)).toBe(`${first.slice(0, 20)}…`);
    expect(openingText(body(`<p>${first}</p>`), first.length)).toBe(first);
  });

  it('an article of pictures only opens with their captions', () => {
    expect(openingText(body(photo), 500)).toBe('Gulls over the east pier at dawn. Photo: Ada Lind');
  });
});

describe('extracted text', () => {
  it('never fuses a caption or credit with the paragraph after it', () => {
    const prose = 'The ferry crossed the bay at dawn, carrying the first passengers in over a year.';
    const article = extractFromHtml(
      `<html><body><article><h1>Ferry returns</h1><figure><img src="https://x.example/f.jpg"><figcaption>Photo: Ana Ruiz</figcaption></figure><p>${prose}</p><p>${prose}</p><p>${prose}</p></article></body></html>`,
      { url: 'https://x.example/ferry' },
    );
    expect(article.textContent).toContain('Photo: Ana Ruiz The ferry');
    expect(article.textContent).not.toMatch(/RuizThe/);
    // What the popup previews opens with the article's words, not the photo's credit.
    expect(article.opening).toMatch(/^(Ferry returns )?The ferry crossed the bay at dawn/);
    expect(article.opening).not.toContain('Ana Ruiz');
  });

  it('turns table cells and rows a page left outside their table into blocks of their own', () => {
    // linkedom keeps these <td>s outside any row; a browser re-reading the saved HTML would drop
    // such tags and glue the cells' words ("$9,000Up to 40%"), and so would Markdown.
    const table =
      '<table><tbody><tr><th>Mover</th><td>Price</td></tr><div class="row"><tr><th>Colonial</th></tr></div><td>Highly trained</td><td>$9,000</td><td>Up to 40%</td></tbody></table>';
    const prose =
      '<p>The movers were compared on price, deposit and the states they serve, over a year of quotes.</p>';
    const article = extractFromHtml(
      `<html><body><article>${prose.repeat(3)}${table}${prose}</article></body></html>`,
      {
        url: 'https://x.example/movers',
      },
    );
    const saved = parseHTML(`<html><body>${article.contentHtml}</body></html>`).document;
    const cells = [...saved.querySelectorAll('td, th')];
    expect(cells.map((cell) => cell.textContent)).toEqual(['Mover', 'Price']);
    expect(cells.every((cell) => cell.parentElement?.localName === 'tr')).toBe(true);
    expect([...saved.querySelectorAll('p')].map((p) => p.textContent)).toEqual(
      expect.arrayContaining(['Highly trained', '$9,000', 'Up to 40%']),
    );
  });
});

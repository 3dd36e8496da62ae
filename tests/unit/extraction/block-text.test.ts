import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blockLines, blockText, extractFromHtml } from '@/utils/extraction';

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
  });
});

// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { MISSING_IMAGE_CLASS, prepareArticle, slugify } from '@/components/reader/prepare-article';

const parser = () => new DOMParser();

describe('prepareArticle', () => {
  const html = `
    <p>Opening.</p>
    <h2>Why it matters</h2><p>One.</p>
    <h3 id="own-id">A detail</h3><p>Two.</p>
    <h4>  Smaller   <em>point</em> </h4>
    <h2>Why it matters</h2>
    <h5>Too deep for the contents</h5>
    <h2>   </h2>
    <figure><img src="https://example.org/a.jpg" alt="A"></figure>`;

  test('lists h2–h4 in order with their level and text, skipping empty headings', () => {
    const { toc } = prepareArticle(html, parser());
    expect(toc.map(({ level, text }) => [level, text])).toEqual([
      [2, 'Why it matters'],
      [3, 'A detail'],
      [4, 'Smaller point'],
      [2, 'Why it matters'],
    ]);
  });

  test('gives headings unique ids, keeping the ids the page already had', () => {
    const { toc, html: out } = prepareArticle(html, parser());
    expect(toc.map((entry) => entry.id)).toEqual([
      'rm-why-it-matters',
      'own-id',
      'rm-smaller-point',
      'rm-why-it-matters-2',
    ]);
    const doc = new DOMParser().parseFromString(out, 'text/html');
    for (const entry of toc) expect(doc.getElementById(entry.id)?.textContent?.trim()).toBeTruthy();
  });

  test('never reuses an id that something else in the article has', () => {
    const { toc } = prepareArticle('<p id="rm-notes">x</p><h2>Notes</h2><h2>Notes</h2>', parser());
    expect(toc.map((entry) => entry.id)).toEqual(['rm-notes-2', 'rm-notes-3']);
  });

  test('a stored picture shows its blob: copy and decodes asynchronously; the rest is left as it was', () => {
    const stored = new Map([['https://example.org/a.jpg', 'blob:chrome-extension://x/1']]);
    const { html: out, missingImages } = prepareArticle(html, parser(), stored);
    const doc = new DOMParser().parseFromString(out, 'text/html');
    const img = doc.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('blob:chrome-extension://x/1');
    expect(img.getAttribute('decoding')).toBe('async');
    expect(missingImages).toEqual([]);
    expect(doc.querySelectorAll('p')).toHaveLength(3);
  });

  test('a picture with no stored copy becomes a placeholder with no src: nothing is fetched', () => {
    const { html: out, missingImages } = prepareArticle(
      '<p>x</p><img src="https://cdn.example/b.jpg" alt="Bridge" width="600"><img src="https://cdn.example/b.jpg">',
      parser(),
    );
    const doc = new DOMParser().parseFromString(out, 'text/html');
    const imgs = [...doc.querySelectorAll('img')];
    expect(imgs.map((img) => img.hasAttribute('src'))).toEqual([false, false]);
    expect(imgs[0]!.className).toBe(MISSING_IMAGE_CLASS);
    expect(imgs[0]!.getAttribute('alt')).toBe('Bridge');
    expect(missingImages).toEqual(['https://cdn.example/b.jpg']);
  });

  test('in-article #links stay in the tab; links out still open a new one', () => {
    const input =
      '<p><a href="#fn-1" target="_blank" rel="noopener noreferrer">1</a> <a href="https://example.org/" target="_blank" rel="noopener noreferrer">out</a></p>';
    const doc = new DOMParser().parseFromString(prepareArticle(input, parser()).html, 'text/html');
    const [footnote, out] = doc.querySelectorAll('a');
    expect(footnote!.hasAttribute('target')).toBe(false);
    expect(out!.getAttribute('target')).toBe('_blank');
    expect(out!.getAttribute('rel')).toBe('noopener noreferrer');
  });

  test('an article without headings has an empty contents list', () => {
    expect(prepareArticle('<p>Just text.</p>', parser()).toc).toEqual([]);
  });
});

describe('slugify', () => {
  test('keeps letters and digits of any script, lower-cased and hyphenated', () => {
    expect(slugify('Où en est-on ? 2026')).toBe('rm-où-en-est-on-2026');
    expect(slugify('東京の天気')).toBe('rm-東京の天気');
    expect(slugify('¿?!')).toBe('rm-section');
  });
});

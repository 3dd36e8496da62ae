import { describe, expect, it } from 'vitest';
import { extractFromHtml, restoreRemovedBlock } from '@/utils/extraction';
import type { RemovedBlock } from '@/utils/model';

const block = (label: string, html = `<p>${label}</p>`): RemovedBlock => ({
  rule: label,
  label,
  sample: label,
  html,
});

const prose = (n: number, topic: string) =>
  Array.from(
    { length: n },
    (_, i) => `<p>${topic} paragraph ${i}, long enough to count as the prose of a real article.</p>`,
  ).join('');

describe('restoreRemovedBlock', () => {
  const html = `<html><body><article>${prose(3, 'First')}
    <div class="newsletter"><p>Get our letters every week.</p><form><input type="email"></form></div>
    ${prose(3, 'Second')}</article></body></html>`;

  it('puts a removed block back where it stood in the article', () => {
    const article = extractFromHtml(html, { url: 'https://example.org/a' });
    expect(article.removed.map((b) => b.label)).toEqual(['newsletter box']);
    expect(article.textContent).not.toContain('Get our letters');
    const restored = restoreRemovedBlock(article.contentHtml, article.removed, 0);
    const at = restored.indexOf('Get our letters');
    expect(at).toBeGreaterThan(restored.indexOf('First paragraph 2'));
    expect(at).toBeLessThan(restored.indexOf('Second paragraph 0'));
  });

  it('appends the block when its marker is gone, and rejects a bad index', () => {
    expect(restoreRemovedBlock('<p>a</p>', [block('x', '<p>x</p>')], 0)).toBe('<p>a</p><p>x</p>');
    expect(() => restoreRemovedBlock('<p>a</p>', [], 0)).toThrow(RangeError);
  });
});

describe('the removed trace is honest', () => {
  const url = 'https://example.org/a';
  const page = (inside: string) =>
    `<html><body><article>${prose(3, 'First')}${inside}${prose(3, 'Second')}</article></body></html>`;

  it('shows a removed block as the text a reader saw, never its script or markup', () => {
    const article = extractFromHtml(
      page(
        '<div class="newsletter"><script>window.signup = "<b>tracker</b>";</script><noscript><img src="https://t.example/p.gif"></noscript><p>Get our letters every week.</p><form><input type="email"></form></div>',
      ),
      { url },
    );
    expect(article.removed.map((block) => block.label)).toEqual(['newsletter box']);
    expect(article.removed[0]!.sample).toBe('Get our letters every week.');
    expect(article.removed[0]!.html).not.toMatch(/<script|<noscript|tracker/);
  });

  it('does not list a removed block whose text the article still holds', () => {
    // A theme that prints the same sentence twice, once hidden: hiding one copy removed nothing.
    const repeated = 'The council will vote again on the breakwater plan next Tuesday evening.';
    const article = extractFromHtml(page(`<p>${repeated}</p><p hidden>${repeated}</p>`), { url });
    expect(article.textContent).toContain(repeated);
    expect(article.removed).toEqual([]);
    expect(article.contentHtml).not.toContain('readmark-removed-');
  });

  it('lists only blocks that were in the article: boilerplate Readability dropped anyway is not "removed"', () => {
    const html = `<html><body><nav><div class="newsletter"><p>Get our letters every week.</p><form><input type="email"></form></div></nav><article>${prose(6, 'Only')}</article><footer><div class="newsletter"><p>Our letters, weekly.</p><form><input type="email"></form></div></footer></body></html>`;
    const article = extractFromHtml(html, { url });
    expect(article.removed).toEqual([]);
  });

  it('numbers the listed blocks so each one restores where it stood', () => {
    const article = extractFromHtml(
      page(
        '<p hidden>First paragraph 0, long enough to count as the prose of a real article.</p><div class="newsletter"><p>Get our letters every week.</p><form><input type="email"></form></div>',
      ),
      { url },
    );
    expect(article.removed.map((block) => block.label)).toEqual(['newsletter box']);
    const restored = restoreRemovedBlock(article.contentHtml, article.removed, 0);
    expect(restored.indexOf('Get our letters')).toBeLessThan(restored.indexOf('Second paragraph 0'));
    expect(restored.indexOf('Get our letters')).toBeGreaterThan(restored.indexOf('First paragraph 2'));
  });
});

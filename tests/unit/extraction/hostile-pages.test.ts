import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '@/utils/extraction';

// Hostile pages over linkedom (the parser the Worker uses). Each must finish or throw a clear
// Error; timings are printed, never asserted (the Worker's watchdog is the real limit).
const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i} of a page that tries to break the reader, with enough words to score as prose.</p>`,
  ).join('');

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

describe('hostile pages', () => {
  it('survives form controls that clobber DOM properties', () => {
    const controls = [
      'parentNode',
      'tagName',
      'firstElementChild',
      'nextElementSibling',
      'childNodes',
      'remove',
    ]
      .map((name) => `<input name="${name}"><img name="${name}">`)
      .join('');
    const html = `<html><body><form id="aspnetForm">${controls}<article>${prose(8)}</article></form></body></html>`;
    const article = timed('clobbering form', () => extractFromHtml(html, { url: 'https://example.org/a' }));
    expect(article.textContent).toContain('Paragraph 7 of a page');
    expect(article.contentHtml).not.toMatch(/<input|<form/);
  });

  it('survives 20,000 levels of nesting', () => {
    const depth = 20_000;
    const html = `<html><body><article>${prose(6)}</article>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}</body></html>`;
    const article = timed('20,000-deep nesting', () =>
      extractFromHtml(html, { url: 'https://example.org/a' }),
    );
    expect(article.textContent).toContain('Paragraph 5 of a page');
  });

  it('handles a 5 MB page', () => {
    const html = `<html><body><article>${prose(60_000)}</article></body></html>`;
    expect(html.length).toBeGreaterThan(5_000_000);
    const article = timed('5 MB page', () => extractFromHtml(html, { url: 'https://example.org/a' }));
    expect(article.wordCount).toBeGreaterThan(500_000);
  });

  it('throws a clear Error on input that is not HTML or has no article', () => {
    expect(() => extractFromHtml('just some words', { url: 'https://example.org/a' })).toThrow(/not HTML/);
    expect(() => extractFromHtml('<html><body></body></html>', { url: 'https://example.org/a' })).toThrow(
      /No article text/,
    );
  });
});

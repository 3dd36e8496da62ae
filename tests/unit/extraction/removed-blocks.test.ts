import { describe, expect, it } from 'vitest';
import { extractFromHtml, formatRemovedSummary, restoreRemovedBlock } from '@/utils/extraction';
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

describe('formatRemovedSummary', () => {
  it('groups by label, counts and pluralises in order of first appearance', () => {
    const removed = [
      block('comment form'),
      block('related links'),
      block('newsletter box'),
      block('related links'),
    ];
    expect(formatRemovedSummary(removed)).toBe('Removed: comment form, 2 related links, newsletter box');
    expect(formatRemovedSummary([block('newsletter box'), block('newsletter box')])).toBe(
      'Removed: 2 newsletter boxes',
    );
    expect(formatRemovedSummary([block('share bar'), block('share bar')])).toBe('Removed: 2 share bars');
    expect(formatRemovedSummary([])).toBe('');
  });
});

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

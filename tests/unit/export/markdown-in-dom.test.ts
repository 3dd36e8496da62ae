// @vitest-environment jsdom
// With a global DOMParser (as in an extension page) Turndown uses it instead of domino: same output.
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '@/utils/export';
import { expected, FIXTURE_NAMES, loadFixture } from './load-fixture';

describe('toMarkdown with the page DOMParser', () => {
  it('runs where DOMParser exists', () => {
    expect(typeof window.DOMParser).toBe('function');
  });

  it.each(FIXTURE_NAMES)('writes %s exactly as under Node', (name) => {
    const { meta, content, highlights } = loadFixture(name);
    expect(toMarkdown(meta, content, highlights)).toBe(expected(`${name}.md.expected`));
    expect(toMarkdown(meta, content, highlights, { inlineHighlights: true })).toBe(
      expected(`${name}.inline-md.expected`),
    );
  });
});

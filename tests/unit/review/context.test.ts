// @vitest-environment jsdom
// jsdom: happy-dom 21 Ranges misbehave in documents made by DOMParser (they collapse).
import { describe, expect, it } from 'vitest';
import { highlightContext } from '@/utils/review';

const body = (html: string) => new DOMParser().parseFromString(`<body>${html}`, 'text/html').body;
const quote = (exact: string, prefix = '', suffix = '') => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix, suffix },
});

describe('a highlight in its paragraph', () => {
  it('answers the paragraph around the highlight, not its neighbours', () => {
    const root = body(
      '<h2>Title</h2><p>First paragraph here.</p><p>The council <b>voted</b> to replace the bridge.</p><p>Last.</p>',
    );
    expect(highlightContext(root, quote('voted', 'The council ', ' to replace'))).toEqual({
      before: 'The council ',
      quote: 'voted',
      after: ' to replace the bridge.',
    });
  });

  it('takes every paragraph a highlight spans', () => {
    const root = body('<p>One two three.</p><p>Four five six.</p><p>Seven.</p>');
    const context = highlightContext(root, quote('three. Four'));
    expect(context).toEqual({ before: 'One two ', quote: 'three. Four', after: ' five six.' });
  });

  it('cuts a very long paragraph at words on both sides', () => {
    const long = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const root = body(`<p>${long} target ${long}</p>`);
    const context = highlightContext(root, quote('target'))!;
    expect(context.quote).toBe('target');
    expect(context.before.startsWith('…')).toBe(true);
    expect(context.after.endsWith('…')).toBe(true);
    expect(context.before.length).toBeLessThanOrEqual(362);
  });

  it('answers null for a highlight the text no longer has', () => {
    expect(highlightContext(body('<p>Nothing to see.</p>'), quote('absent words entirely'))).toBeNull();
  });
});

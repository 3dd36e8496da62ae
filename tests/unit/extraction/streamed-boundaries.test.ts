import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blockText, extractFromHtml } from '@/utils/extraction';
import { completeStreamedBoundaries } from '../../../utils/extraction/streamed-boundaries';

const url = 'https://example.org/lighthouse';
const prose = (topic: string) =>
  Array.from(
    { length: 4 },
    (_, i) =>
      `<p>${topic} ${i}: the keeper trimmed the wick at dusk, logged the passing colliers and wound the clockwork that turned the lens.</p>`,
  ).join('');

const header = '<header><nav><a href="/">Home</a> <a href="/keepers">Keepers</a></nav></header>';
const footer = '<footer><p>Lighthouse Society, 12 Quay Street</p></footer>';

/** The body's text after the step, for the cases that look at placement only. */
const completed = (body: string) => {
  const { document } = parseHTML(`<html><body>${body}</body></html>`);
  completeStreamedBoundaries(document as unknown as Document);
  return blockText(document.body as unknown as Element);
};

describe('parts a streaming server sent late', () => {
  it('go where their placeholder is, and the fallback goes: the article is extracted', () => {
    const html = `<html><head><title>The keepers</title></head><body>${header}<main><h1>The keepers</h1><!--$?--><template id="B:0"></template><div>Loading article…</div><!--/$--></main>${footer}<div hidden id="S:0">${prose('Winter')}</div></body></html>`;
    const { textContent } = extractFromHtml(html, { url });
    expect(textContent).toContain('Winter 0: the keeper trimmed the wick');
    expect(textContent).toContain('Winter 3:');
    expect(textContent).not.toContain('Loading article');
  });

  it('keep the page order of several parts, and fill placeholders of both kinds', () => {
    const body = `<p>Opening.</p><!--$?--><template id="B:0"></template><p>Loading…</p><!--/$--><p>Middle.</p><template id="P:1"></template><p>Closing.</p><div hidden id="S:1">Second part.</div><div hidden id="S:0">First part.</div>`;
    expect(completed(body)).toBe('Opening. First part. Middle. Second part. Closing.');
  });

  it("follow the page's own script where it still names which part goes where", () => {
    const body = `<!--$?--><template id="B:0"></template>Loading…<!--/$--> <!--$?--><template id="B:1"></template>Loading…<!--/$--><div hidden id="S:2">Tides.</div><div hidden id="S:3">Charts.</div><script>$RC("B:1","S:2");$RC("B:0","S:3")</script>`;
    expect(completed(body)).toBe('Charts. Tides.');
  });

  it('remove only their own fallback: a nested boundary inside it goes with it, what follows stays', () => {
    const body = `<div><!--$?--><template id="B:0"></template><p>Loading…</p><!--$--><p>Nested fallback.</p><!--/$--><!--/$--><p>After the boundary.</p></div><div hidden id="S:0">Arrived.</div>`;
    expect(completed(body)).toBe('Arrived. After the boundary.');
  });

  it('leave a page alone when no part matches, or when a hidden div is no part', () => {
    const body = `<!--$?--><template id="B:0"></template><p>Loading…</p><!--/$--><div hidden id="S:7">Orphan.</div><div hidden id="Summary">Secret.</div><template id="note">Kept as it is.</template>`;
    const { document } = parseHTML(`<html><body>${body}</body></html>`);
    const before = document.body.innerHTML;
    completeStreamedBoundaries(document as unknown as Document);
    expect(document.body.innerHTML).toBe(before);
  });
});

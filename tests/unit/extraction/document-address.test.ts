// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractFromHtml } from '@/utils/extraction';

const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>The harbour paragraph ${i} runs long enough to be prose, with commas, clauses and a full stop.</p>`,
  ).join('\n');
const url = 'https://example.org/news/story';
// A <picture src> is left to Readability (prepare resolves img, source, video, audio, iframe and
// link addresses), which resolves it against the document's base address.
const html = `<html lang="en"><head><title>Harbour</title></head><body><article>
  <h1>Harbour</h1>${prose(3)}
  <picture src="pictures/bridge.jpg"><img src="pictures/bridge.jpg" alt="The bridge"></picture>
  <p>The council will publish <a href="#costs">the costs</a> of the new crossing, with every tender, before any contract is signed this spring.</p>${prose(3)}</article></body></html>`;

describe("the document's address", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is the page's, wherever the pipeline runs: a Worker's own address never reaches the article", () => {
    const inNode = extractFromHtml(html, { url });
    // linkedom reads a document's base address from the global `location` when the page has no
    // <base>: in the extension's Worker, the Worker script's own chrome-extension:// address.
    vi.stubGlobal('location', new URL('chrome-extension://abcdefghijklmnop/extract-worker.js'));
    const inWorker = extractFromHtml(html, { url });
    expect(inWorker.contentHtml).not.toContain('chrome-extension:');
    expect(inWorker).toEqual(inNode);
    expect(inNode.contentHtml).toContain('src="https://example.org/news/pictures/bridge.jpg"');
    expect(inNode.contentHtml).toContain('href="#costs"');
  });

  it("follows the page's own <base>, resolved against the tab's address", () => {
    const withBase = html.replace('<title>', '<base href="/archive/"><title>');
    vi.stubGlobal('location', new URL('chrome-extension://abcdefghijklmnop/extract-worker.js'));
    const article = extractFromHtml(withBase, { url });
    expect(article.contentHtml).not.toContain('chrome-extension:');
    expect(article.contentHtml).toContain('src="https://example.org/archive/pictures/bridge.jpg"');
  });
});

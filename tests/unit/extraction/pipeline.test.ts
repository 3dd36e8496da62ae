import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '@/utils/extraction';

const prose = (n: number, topic = 'The river') =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>${topic} paragraph ${i} runs long enough to be prose, with commas, clauses and a full stop.</p>`,
  ).join('\n');
const page = (body: string, head = '') => `<html lang="en"><head>${head}</head><body>${body}</body></html>`;
const url = 'https://example.org/news/story';

describe('extraction pipeline', () => {
  it('keeps real content that looks like boilerplate', () => {
    const html = page(`<article><h1>Title</h1>${prose(3)}
      <nav class="toc"><ul><li><a href="#one">One</a></li><li><a href="#two">Two</a></li></ul></nav>
      <h2 id="one">Sources of the river</h2>${prose(2, 'Sources')}
      <table><tr><th>Year</th><th>Flow</th></tr><tr><td>2020</td><td>31 m³/s</td></tr></table>
      <pre><code>share = flow / total</code></pre>
      <p class="correction">Correction: an earlier version gave the wrong year for the flood.</p>
      <h2 id="two">Related work</h2>${prose(2, 'Later')}</article>`);
    const article = extractFromHtml(html, { url });
    for (const kept of [
      'Sources of the river',
      '31 m³/s',
      'share = flow / total',
      'Correction: an earlier',
      'Related work',
    ])
      expect(article.textContent).toContain(kept);
    expect(article.contentHtml).toContain('href="#one"');
  });

  it('removes hidden elements and labels by text, not only by class', () => {
    const html = page(`<article>${prose(3)}
      <div style="display: none">Thanks for subscribing!</div><div hidden>Secret promo</div>
      <p aria-hidden="true">Decorative</p><div>Advertisement</div>
      <p><strong>Read also:</strong> <a href="/other">Another story about rivers</a></p>
      ${prose(3, 'More')}</article>`);
    const article = extractFromHtml(html, { url });
    for (const gone of ['Thanks for subscribing', 'Secret promo', 'Decorative', 'Advertisement', 'Read also'])
      expect(article.textContent).not.toContain(gone);
    expect(article.textContent).toContain('More paragraph 2');
  });

  it('wakes lazy images with absolute URLs and restores the lead figure', () => {
    const html =
      page(`<figure class="featured"><img src="data:image/gif;base64,R0lGOD" data-src="/img/lead.jpg"><figcaption>The lead caption</figcaption></figure>
      <article>${prose(4)}<img srcset="/img/a-400.jpg 400w, /img/a-800.jpg 800w"><img src="/img/b.jpg" data-srcset="/img/b-2x.jpg 2x">
      <noscript><img src="/img/c.jpg"></noscript></article>`);
    const article = extractFromHtml(html, { url });
    expect(article.contentHtml).toContain('src="https://example.org/img/lead.jpg"');
    expect(article.textContent).toContain('The lead caption');
    expect(article.contentHtml).toContain('src="https://example.org/img/a-800.jpg"');
    // Readability trades an image followed by a <noscript> image for the latter.
    expect(article.contentHtml).toContain('src="https://example.org/img/c.jpg"');
    expect(article.contentHtml).not.toMatch(/src="(?!https:\/\/example\.org\/)/);
    expect(article.leadImage).toBe('https://example.org/img/lead.jpg');
  });

  it('puts a lead figure inside the article once, also when its address is one the policy drops', () => {
    // `npm run extract` on a saved file reads it at a file: URL, which the sanitiser policy drops.
    const html = page(
      `<article><figure class="featured"><img src="/img/lead.jpg"><figcaption>The lead caption</figcaption></figure>${prose(4)}</article>`,
    );
    for (const at of [url, 'file:///home/reader/saved/story.html']) {
      const article = extractFromHtml(html, { url: at });
      expect(article.contentHtml.match(/<figure/g), at).toHaveLength(1);
      expect(article.textContent.match(/The lead caption/g), at).toHaveLength(1);
    }
  });

  it('reads metadata from JSON-LD, meta and <time>', () => {
    const head = `<meta property="og:image" content="/og.jpg"><link rel="canonical" href="/news/story/?utm_source=x#top">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"name":"Ana Ruiz"},"publisher":{"name":"River Times"}}</script>`;
    const html = page(
      `<article><time datetime="2024-05-06T07:08:09+02:00">6 May</time>${prose(4)}</article>`,
      head,
    );
    const article = extractFromHtml(html, { url });
    expect(article.byline).toBe('Ana Ruiz');
    expect(article.siteName).toBe('River Times');
    expect(article.publishedTime).toBe('2024-05-06T07:08:09+02:00');
    expect(article.leadImage).toBe('https://example.org/og.jpg');
    expect(article.canonicalUrl).toBe('https://example.org/news/story');
    expect(article.lang).toBe('en');
  });

  it('measures reading time by characters for Chinese and by words otherwise', () => {
    const zh = '河流穿过城市，两岸的居民每天清晨沿着河边散步。'.repeat(60);
    const chinese = extractFromHtml(page(`<article>${`<p>${zh}</p>`.repeat(3)}</article>`), { url });
    expect(chinese.wordCount).toBeGreaterThan(3000);
    expect(chinese.readingTimeMinutes).toBe(Math.round(chinese.wordCount / 300));
    const english = extractFromHtml(page(`<article>${prose(40)}</article>`), { url });
    expect(english.readingTimeMinutes).toBe(Math.max(1, Math.round(english.wordCount / 230)));
  });
});

describe('label rules leave prose alone', () => {
  it('keeps words that look like labels inside sentences, headings over prose, code and captions', () => {
    const html = page(`<article>${prose(3)}
      <h2>Response</h2><p>The server answers with a <code>Response</code> object, and <span>Share</span> is only a word here.</p>
      <pre><code><span class="comment">// the comment stays</span>\nfetch(url)</code></pre>
      <figure><img src="/a.jpg"><figcaption>A bridge at dusk. <span class="credit"><em>Source:</em> Supplied</span></figcaption></figure>
      ${prose(3, 'After')}</article>`);
    const article = extractFromHtml(html, { url });
    for (const kept of [
      'Response object',
      'Share is only a word',
      '// the comment stays',
      'Source: Supplied',
    ])
      expect(article.textContent).toContain(kept);
    expect(article.contentHtml).toMatch(/<h2[^>]*>Response<\/h2>/);
  });
});

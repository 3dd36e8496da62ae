import { BACKUP_FORMAT, BACKUP_VERSION } from '@/utils/export';
import type { ArticleContent, ArticleMeta } from '@/utils/model';
import { makeMeta } from '../unit/search/make-article';

// A backup is a file anyone can edit. This one tries every hole issue #12 names: addresses that
// are not web addresses, a canonical on another site (to claim the bank's pages), HTML that
// escapes a Markdown code fence through a code block's class, links aimed at the reader's own tab,
// and a bidi-reversed title to disguise an exported file's extension.

export const PAYLOAD = '<img src=x onerror=alert(document.domain)>';

/** A fenced-code language class that closes the fence line early, and a GFM-highlight div whose fence the code ends. */
export const FENCE_ESCAPES =
  `<pre><code class="language-js\`\`\`">${PAYLOAD.replace(/</g, '&lt;')}</code></pre>` +
  `<div class="highlight-source-js"><pre>\`\`\`\n${PAYLOAD.replace(/</g, '&lt;')}\n\`\`\`</pre></div>` +
  '<pre><code class="language-ts hljs">const safe = 1;</code></pre>';
export const LINKS =
  '<p><a id="a" href="https://elsewhere.example/" target="_top" rel="opener">out</a>' +
  '<a id="frag" href="#x" target="_parent">in</a></p>' +
  '<map name="m"><area id="area" href="https://elsewhere.example/map" target="_top" shape="rect" coords="0,0,1,1"></map>' +
  '<svg><a id="svg" xlink:href="https://elsewhere.example/svg" target="_top"><text>s</text></a></svg>';

/** A backup record; `meta` overrides are hostile on purpose, so the result is typed as the file claims. */
export function article(
  id: string,
  meta: Record<string, unknown>,
  contentHtml = '<p>Plain text.</p>',
): { meta: ArticleMeta; content: ArticleContent } {
  return {
    meta: {
      ...makeMeta(id, { url: `https://blog.example/${id}`, canonicalUrl: `https://blog.example/${id}` }),
      ...meta,
    } as ArticleMeta,
    content: { articleId: id, contentHtml, textContent: 'Plain text.', removed: [] },
  };
}

export const hostileBackup = JSON.stringify({
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  exportedAt: '2026-12-06T00:00:00.000Z',
  articles: [
    article('js-url', { url: 'javascript:alert(1)' }),
    article('data-canonical', { canonicalUrl: 'data:text/html,<script>alert(1)</script>' }),
    article('file-image', { leadImage: 'file:///etc/passwd' }),
    article('claims-bank', { canonicalUrl: 'https://bank.example/account' }),
    article('code', { title: 'invoice\u202efdm.exe' }, FENCE_ESCAPES + LINKS),
  ],
  highlights: [],
  settings: {},
});

/** Lines of Markdown outside fenced code blocks (CommonMark: a backtick fence's info string has no backtick). */
export function outsideFences(markdown: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const opener = /^(`{3,})([^`]*)$/.exec(line);
    if (fence === null && opener) fence = opener[1]!;
    else if (fence !== null && line.startsWith(fence) && !line.slice(fence.length).trim()) fence = null;
    else if (fence === null) out.push(line);
  }
  return out;
}

// @vitest-environment jsdom
// DOMPurify needs a faithful DOM: jsdom's window gives the sanitiser the extension uses.
import { describe, expect, test } from 'vitest';
import { importBackup, previewBackup } from '@/components/settings/backup-flow';
import { BACKUP_FORMAT, BACKUP_VERSION, safeFileName, toMarkdown } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import type { ArticleContent, ArticleMeta } from '@/utils/model';
import { findArticleForPage, getArticle, openDb } from '@/utils/storage';
import { makeMeta } from '../search/make-article';

// A backup is a file anyone can edit. This one tries every hole issue #12 names: addresses that
// are not web addresses, a canonical on another site (to claim the bank's pages), HTML that
// escapes a Markdown code fence through a code block's class, links aimed at the reader's own tab,
// and a bidi-reversed title to disguise an exported file's extension.

const sanitise = createSanitiser(window);
const PAYLOAD = '<img src=x onerror=alert(document.domain)>';

/** A fenced-code language class that closes the fence line early, and a GFM-highlight div whose fence the code ends. */
const FENCE_ESCAPES =
  `<pre><code class="language-js\`\`\`">${PAYLOAD.replace(/</g, '&lt;')}</code></pre>` +
  `<div class="highlight-source-js"><pre>\`\`\`\n${PAYLOAD.replace(/</g, '&lt;')}\n\`\`\`</pre></div>` +
  '<pre><code class="language-ts hljs">const safe = 1;</code></pre>';
const LINKS =
  '<p><a id="a" href="https://elsewhere.example/" target="_top" rel="opener">out</a>' +
  '<a id="frag" href="#x" target="_parent">in</a></p>' +
  '<map name="m"><area id="area" href="https://elsewhere.example/map" target="_top" shape="rect" coords="0,0,1,1"></map>' +
  '<svg><a id="svg" xlink:href="https://elsewhere.example/svg" target="_top"><text>s</text></a></svg>';

/** A backup record; `meta` overrides are hostile on purpose, so the result is typed as the file claims. */
function article(
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

const hostileBackup = JSON.stringify({
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
function outsideFences(markdown: string): string[] {
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

describe('a hostile backup', () => {
  test('the fence escape is real: unsanitised, the code text comes out of its fence as raw HTML', () => {
    const unsanitised = article('raw', {}, FENCE_ESCAPES);
    const markdown = toMarkdown(unsanitised.meta, unsanitised.content, []);
    expect(outsideFences(markdown).join('\n')).toMatch(/(?:^|[^\\])<img src=x/m);
  });

  test('is imported without a non-web address, a foreign claim, an escaping fence, or a misaimed link', async () => {
    const db = openDb(`hostile-backup-${crypto.randomUUID()}`);
    const preview = await previewBackup(db, hostileBackup);
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.value.rejected).toEqual([
      { kind: 'article', index: 0, reason: 'meta.url: not an http(s) URL' },
      { kind: 'article', index: 1, reason: 'meta.canonicalUrl: not an http(s) URL' },
      { kind: 'article', index: 2, reason: 'meta.leadImage: not an http(s) URL' },
    ]);
    const report = await importBackup(db, preview.value, 'skip', sanitise);
    expect(report).toMatchObject({ ok: true, value: { articles: 2 } });

    // The article claiming the bank's page is keyed on its own address: the bank's tab finds nothing.
    expect(await findArticleForPage(db, 'https://bank.example/account', null)).toBeUndefined();
    expect((await db.articles.get('claims-bank'))?.canonicalUrl).toBe('https://blog.example/claims-bank');

    const stored = await getArticle(db, 'code');
    if (!stored) throw new Error('code article missing');
    const html = stored.content.contentHtml;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // Only a well-formed language class on <code> survives.
    expect([...doc.querySelectorAll('[class]')].map((el) => `${el.localName}.${el.className}`)).toEqual([
      'code.language-ts',
    ]);
    const markdown = toMarkdown(stored.meta, stored.content, []);
    // Outside code, `<` only ever appears escaped (`\<img`), which Markdown shows as text.
    expect(outsideFences(markdown).join('\n')).not.toMatch(/(?:^|[^\\])<img/im);
    expect(markdown).toContain('```ts\nconst safe = 1;\n```');

    // Every link that leaves opens a new tab without opener; nothing else may aim at a tab.
    for (const id of ['a', 'area', 'svg']) {
      const link = doc.getElementById(id);
      expect([id, link?.getAttribute('target'), link?.getAttribute('rel')]).toEqual([
        id,
        '_blank',
        'noopener noreferrer',
      ]);
    }
    expect(doc.getElementById('frag')?.hasAttribute('target')).toBe(false);

    // The disguised title exports under a name that reads as what it is.
    expect(`${safeFileName(stored.meta.title)}.md`).toBe('invoicefdm.exe.md');
  });
});

// @vitest-environment jsdom
// DOMPurify needs a faithful DOM: jsdom's window gives the sanitiser the extension uses.
import { describe, expect, test } from 'vitest';
import { safeFileName, toMarkdown } from '@/utils/export';
import { createSanitiser } from '@/utils/extraction';
import { importBackup, previewBackup } from '@/utils/services';
import { findArticleForPage, getArticle, openDb } from '@/utils/storage';
import { article, FENCE_ESCAPES, hostileBackup, outsideFences } from '../../support/hostile-backup';

const sanitise = createSanitiser(window);

describe('a hostile backup', () => {
  test('the fence escape is real: unsanitised, the code text comes out of its fence as raw HTML', () => {
    const unsanitised = article('raw', {}, FENCE_ESCAPES);
    const markdown = toMarkdown(unsanitised.meta, unsanitised.content, []);
    expect(outsideFences(markdown).join('\n')).toMatch(/(?:^|[^\\])<img src=x/m);
  });

  test('is imported without a non-web address, a foreign claim, an escaping fence, or a misaimed link', async () => {
    const db = openDb(`hostile-backup-${crypto.randomUUID()}`);
    const preview = await previewBackup(db, hostileBackup);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
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

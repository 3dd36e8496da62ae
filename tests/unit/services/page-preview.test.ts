import { describe, expect, test } from 'vitest';
import { ok } from '@/utils/model';
import { loadPagePreview, previewOf, savePreviewedArticle } from '@/utils/services';
import { getArticle, openDb } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

// The popup's save, without the popup: the kept removed blocks go back into the saved article.
const article = makeExtracted({
  contentHtml:
    '<p>The council voted to replace the bridge.</p><span id="readmark-removed-0"></span><p>Work starts in spring.</p><span id="readmark-removed-1"></span>',
  textContent: 'The council voted to replace the bridge.\n\nWork starts in spring.',
  removed: [
    {
      rule: 'related',
      label: 'related links',
      sample: 'The ferry timetable',
      html: '<aside><p>The ferry timetable changes in May, the harbour master said.</p></aside>',
    },
    { rule: 'newsletter', label: 'newsletter box', sample: 'Sign up', html: '<div><p>Sign up</p></div>' },
  ],
});

describe('savePreviewedArticle', () => {
  test('puts the kept block back where it stood, counts its words, and traces only the others', async () => {
    const db = openDb(`readmark-preview-${crypto.randomUUID()}`);
    const saved = await savePreviewedArticle(db, article, new Set([0]), 1);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const stored = await getArticle(db, saved.value.meta.id);
    const html = stored!.content.contentHtml;
    expect(html.indexOf('The ferry timetable')).toBeGreaterThan(html.indexOf('replace the bridge'));
    expect(html.indexOf('The ferry timetable')).toBeLessThan(html.indexOf('Work starts'));
    expect(html).not.toContain('Sign up');
    expect(stored!.content.textContent).toContain('The ferry timetable changes in May');
    expect(stored!.content.removed.map((block) => block.rule)).toEqual(['newsletter']);
    // Counted again over the text with the kept block (the fixture's 420 was the pipeline's claim).
    // 7 words (the bridge) + 10 (the kept ferry block) + 4 (spring) = 21.
    expect(saved.value.meta.wordCount).toBe(21);
    expect(saved.value.imagesDropped).toBeNull();
  });

  test('with nothing kept, saves the article as previewed', async () => {
    const db = openDb(`readmark-preview-${crypto.randomUUID()}`);
    const saved = await savePreviewedArticle(db, article, new Set(), 1);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const stored = await getArticle(db, saved.value.meta.id);
    expect(stored!.content.contentHtml).toBe(article.contentHtml);
    expect(stored!.content.removed).toHaveLength(2);
  });
});

// The popup's entry starts reading the tab before its UI loads; loadPagePreview finishes that
// reading with the look-up, whatever state the reading ended in.
describe('loadPagePreview over a reading started earlier', () => {
  test('a page already saved is previewed as saved, one not saved as new', async () => {
    const db = openDb(`readmark-preview-${crypto.randomUUID()}`);
    const saved = await savePreviewedArticle(db, article, new Set(), 1);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const read = (page: typeof article) =>
      Promise.resolve({
        kind: 'read' as const,
        tabId: 7,
        article: previewOf(page),
        complete: async () => ok(page),
        selection: 'the bridge',
      });

    const again = await loadPagePreview(db, read(article));
    expect(again).toMatchObject({ kind: 'preview', tabId: 7, selection: 'the bridge' });
    expect(again.kind === 'preview' && again.saved?.id).toBe(saved.value.meta.id);

    const other = makeExtracted({
      url: 'https://news.example/2026/another-story',
      canonicalUrl: 'https://news.example/2026/another-story',
    });
    const fresh = await loadPagePreview(db, read(other));
    expect(fresh.kind === 'preview' && fresh.saved).toBeNull();
  });

  test('a restricted page or a failed extraction is answered as it came, without a look-up', async () => {
    const db = openDb(`readmark-preview-${crypto.randomUUID()}`);
    const restricted = { kind: 'restricted' as const, reason: { code: 'page-browser' as const } };
    expect(await loadPagePreview(db, Promise.resolve(restricted))).toEqual(restricted);
    const failed = { kind: 'error' as const, error: { code: 'no-article-text' as const } };
    expect(await loadPagePreview(db, Promise.resolve(failed))).toEqual(failed);
  });
});

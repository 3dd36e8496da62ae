import { beforeEach, describe, expect, test } from 'vitest';
import type { Highlight } from '@/utils/model';
import {
  deleteHighlight,
  findArticleForPage,
  listHighlights,
  openDb,
  putHighlight,
  type ReadmarkDb,
  saveArticle,
  updateHighlight,
} from '@/utils/storage';
import { makeExtracted, makeHighlight } from '../../support/articles';

let db: ReadmarkDb;
let articleId: string;
beforeEach(async () => {
  db = openDb(`readmark-test-${crypto.randomUUID()}`);
  const saved = await saveArticle(db, makeExtracted());
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  articleId = saved.value.id;
});

const highlight = (overrides: Partial<Highlight> = {}) => makeHighlight(articleId, overrides);

describe('highlights', () => {
  test('put, list in creation order, update colour and note', async () => {
    const a = highlight({ createdAt: 2 });
    const b = highlight({ createdAt: 1 });
    expect((await putHighlight(db, a)).ok).toBe(true);
    expect((await putHighlight(db, b)).ok).toBe(true);
    expect((await listHighlights(db, articleId)).map((h) => h.id)).toEqual([b.id, a.id]);
    const updated = await updateHighlight(db, a.id, { color: 'pink', note: 'why?' }, 50);
    expect(updated).toMatchObject({ ok: true, value: { color: 'pink', note: 'why?', updatedAt: 50 } });
  });

  test('a highlight whose article is missing is refused, not stored', async () => {
    const result = await putHighlight(db, highlight({ articleId: 'gone' }));
    expect(result).toEqual({ ok: false, error: { code: 'highlight-article-gone' } });
    expect(await db.highlights.count()).toBe(0);
  });

  test('delete answers the highlight so undo can put it back unchanged', async () => {
    const original = highlight({ note: 'keep this note' });
    await putHighlight(db, original);
    const deleted = await deleteHighlight(db, original.id);
    expect(deleted).toEqual({ ok: true, value: original });
    expect(await db.highlights.count()).toBe(0);
    await putHighlight(db, original);
    expect(await db.highlights.get(original.id)).toEqual(original);
    expect((await deleteHighlight(db, 'nope')).ok).toBe(false);
  });

  test("the article for a page is found by its own URL, or a canonical it declares on its own origin, never another origin's", async () => {
    expect(
      (
        await findArticleForPage(
          db,
          'https://news.example/amp/bridge',
          'https://news.example/2026/harbour-bridge',
        )
      )?.id,
    ).toBe(articleId);
    expect((await findArticleForPage(db, 'https://news.example/2026/harbour-bridge', null))?.id).toBe(
      articleId,
    );
    expect(
      await findArticleForPage(db, 'https://other.example/x', 'https://news.example/2026/harbour-bridge'),
    ).toBeUndefined();
    expect(await findArticleForPage(db, 'https://other.example/x', null)).toBeUndefined();
  });
});

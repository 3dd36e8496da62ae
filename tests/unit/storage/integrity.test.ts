import { beforeEach, expect, test } from 'vitest';
import { checkIntegrity, isHealthy, openDb, type ReadmarkDb, saveArticle } from '@/utils/storage';
import { makeExtracted, makeHighlight } from '../../support/articles';

let db: ReadmarkDb;
beforeEach(() => {
  db = openDb(`integrity-${crypto.randomUUID()}`);
});

test('a healthy library reports counts and nothing wrong', async () => {
  await saveArticle(db, makeExtracted());
  const report = await checkIntegrity(db);
  expect(report).toMatchObject({ articles: 1, contents: 1, highlights: 0 });
  expect(isHealthy(report)).toBe(true);
});

test('finds half-written articles, stray bodies, highlights without article and unreadable records', async () => {
  const saved = await saveArticle(db, makeExtracted());
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  await db.contents.delete(saved.value.id);
  await db.contents.put({ articleId: 'ghost', contentHtml: '', textContent: '', removed: [] });
  await db.highlights.put(makeHighlight('gone', { id: 'lost' }));
  await db.articles.put({
    ...saved.value,
    id: 'broken',
    canonicalUrl: 'https://b.example/',
    title: 42 as never,
  });
  await db.contents.put({ articleId: 'broken', contentHtml: '', textContent: '', removed: [] });
  const report = await checkIntegrity(db);
  expect(report.articlesWithoutContent).toEqual([saved.value.id]);
  expect(report.contentsWithoutArticle).toEqual(['ghost']);
  expect(report.highlightsWithoutArticle).toEqual(['lost']);
  expect(report.unreadable).toEqual(['broken']);
  expect(isHealthy(report)).toBe(false);
});

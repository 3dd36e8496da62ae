import { beforeEach, describe, expect, test } from 'vitest';
import { type ArticleMeta, SUMMARY_HEAD_LENGTH, summarise } from '@/utils/model';
import {
  addTag,
  applyImportPlan,
  deleteArticle,
  deleteMany,
  getArticle,
  listNewestSummaries,
  listSummaries,
  openDb,
  putHighlight,
  type ReadmarkDb,
  removeTag,
  renameTagEverywhere,
  restoreDeleted,
  setArchived,
  setFavourite,
  setRead,
  setTags,
  updateHighlight,
  updateProgress,
} from '@/utils/storage';
import { makeHighlight } from '../../support/articles';
import { saveStory } from './save-story';

// Every write path keeps the summaries table equal to summarise() of the articles table: one
// summary per article, no summary without its article, whatever the path and whether it succeeds.

let db: ReadmarkDb;
const identity = (html: string) => html;

/** Fails with the ids that differ when the summaries are not exactly the articles' summaries. */
async function expectSummariesTrue() {
  const articles = await db.articles.toArray();
  const summaries = await listSummaries(db);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  expect(summaries.length).toBe(articles.length);
  for (const meta of articles) expect(byId.get(meta.id), meta.id).toEqual(summarise(meta));
}

const save = (n: number, overrides: Parameters<typeof saveStory>[2] = {}, at?: number) =>
  saveStory(db, n, overrides, at);

beforeEach(() => {
  db = openDb(`summaries-${crypto.randomUUID()}`);
});

describe('article summaries follow every write', () => {
  test('save and re-save: the summary carries the new title and head, and keeps the id and tags', async () => {
    const first = await save(1);
    await setTags(db, [first.id], ['harbour']);
    await expectSummariesTrue();
    const again = await save(1, { title: 'Story 1, updated', excerpt: 'A new opening.' }, 9_000);
    expect(again.id).toBe(first.id);
    const [summary] = await listSummaries(db);
    expect(summary).toMatchObject({ title: 'Story 1, updated', head: 'A new opening.', tags: ['harbour'] });
    await expectSummariesTrue();
  });

  test('the head is the start of the excerpt, cut on a word', async () => {
    const long = `${'word '.repeat(100)}end`;
    const meta = await save(2, { excerpt: long });
    const [summary] = await listSummaries(db);
    expect(summary!.head.length).toBeLessThanOrEqual(SUMMARY_HEAD_LENGTH);
    expect(long.startsWith(summary!.head)).toBe(true);
    expect(summary!.head.endsWith('word')).toBe(true);
    expect(summary).not.toHaveProperty('byline');
    expect(summary!.id).toBe(meta.id);
  });

  test('tag edits, favourite, archive, read and progress', async () => {
    const [a, b, c] = [await save(1), await save(2), await save(3)];
    await addTag(db, [a.id, b.id], 'Harbour');
    await removeTag(db, [b.id], 'harbour');
    await renameTagEverywhere(db, 'Harbour', 'port');
    await setFavourite(db, [c.id], true);
    await setArchived(db, [a.id], true);
    await setRead(db, [b.id], true);
    await updateProgress(db, c.id, 0.5);
    await expectSummariesTrue();
    const byId = new Map((await listSummaries(db)).map((s) => [s.id, s]));
    expect(byId.get(a.id)).toMatchObject({ tags: ['port'], archived: 1 });
    expect(byId.get(c.id)).toMatchObject({ favourite: 1, progress: 0.5 });
    // Archived articles are not among the first rows.
    expect((await listNewestSummaries(db, 10)).map((s) => s.id)).toEqual([c.id, b.id]);
  });

  test('highlight writes leave the summaries true (they change no article)', async () => {
    const a = await save(1);
    const h = makeHighlight(a.id);
    expect((await putHighlight(db, h)).ok).toBe(true);
    expect((await updateHighlight(db, h.id, { note: 'a note' })).ok).toBe(true);
    await expectSummariesTrue();
  });

  test('delete one, delete many, and undo put the summaries back as they were', async () => {
    const [a, b, c] = [await save(1), await save(2), await save(3)];
    await setTags(db, [b.id], ['kept']);
    const before = await listSummaries(db);
    expect((await deleteArticle(db, a.id)).ok).toBe(true);
    await expectSummariesTrue();
    const deleted = await deleteMany(db, [b.id, c.id]);
    if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
    expect(await listSummaries(db)).toEqual([]);
    expect((await restoreDeleted(db, deleted.value)).ok).toBe(true);
    await expectSummariesTrue();
    expect(await listSummaries(db)).toEqual(before.filter((s) => s.id !== a.id));
  });

  test('an undo that fails (the page was saved again meanwhile) leaves no summary behind', async () => {
    const a = await save(1);
    const deleted = await deleteMany(db, [a.id]);
    if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
    const resaved = await save(1, { title: 'Saved again' });
    expect((await restoreDeleted(db, deleted.value)).ok).toBe(false);
    await expectSummariesTrue();
    expect((await listSummaries(db)).map((s) => s.id)).toEqual([resaved.id]);
  });

  test('import and restore: replaced articles lose their summaries, imported ones get theirs', async () => {
    const [a, b] = [await save(1), await save(2)];
    const stored = await getArticle(db, a.id);
    const imported: ArticleMeta = {
      ...stored!.meta,
      id: 'imported-1',
      url: 'https://other.example/x',
      canonicalUrl: 'https://other.example/x',
      title: 'Imported',
      excerpt: 'Imported opening.',
    };
    const result = await applyImportPlan(
      db,
      {
        deleteArticleIds: [b.id],
        putArticles: [imported, { ...stored!.meta, title: 'Restored title' }],
        putContents: [
          { ...stored!.content, articleId: imported.id },
          { ...stored!.content, articleId: a.id },
        ],
        putHighlights: [],
      },
      { sanitise: identity },
    );
    expect(result.ok).toBe(true);
    await expectSummariesTrue();
    expect((await listSummaries(db)).map((s) => s.title).sort()).toEqual(['Imported', 'Restored title']);
  });

  test('a cancelled import changes no summary', async () => {
    const a = await save(1);
    const before = await listSummaries(db);
    const stop = new AbortController();
    stop.abort();
    const result = await applyImportPlan(
      db,
      {
        deleteArticleIds: [a.id],
        putArticles: [],
        putContents: [],
        putHighlights: [],
      },
      { sanitise: identity, signal: stop.signal },
    );
    expect(result.ok).toBe(false);
    expect(await listSummaries(db)).toEqual(before);
  });
});

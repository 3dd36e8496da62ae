import { beforeEach, describe, expect, test } from 'vitest';
import type { ArticleMeta } from '@/utils/model';
import {
  addTag,
  deleteMany,
  listArticles,
  listHighlights,
  openDb,
  putHighlight,
  type ReadmarkDb,
  readIndexSources,
  removeTag,
  renameTagEverywhere,
  restoreDeleted,
  saveArticle,
  setArchived,
  setFavourite,
  setRead,
  setTags,
} from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

let db: ReadmarkDb;
let ids: string[];
const T0 = 1_000;
const LATER = 5_000;

async function save(n: number, savedAt: number): Promise<ArticleMeta> {
  const saved = await saveArticle(
    db,
    makeExtracted({
      canonicalUrl: `https://news.example/${n}`,
      title: `Story ${n}`,
      textContent: `body ${n}`,
    }),
    savedAt,
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value;
}
const byId = async () => new Map((await listArticles(db)).map((m) => [m.id, m]));

beforeEach(async () => {
  db = openDb(`readmark-test-${crypto.randomUUID()}`);
  ids = [];
  for (let n = 0; n < 3; n++) ids.push((await save(n, T0 + n)).id);
});

describe('tags over many articles', () => {
  test('addTag adds once per article, in any capitals, and stamps only the articles it changed', async () => {
    await setTags(db, [ids[0]!], ['ai'], T0);
    const result = await addTag(db, ids, 'AI', LATER);
    expect(result).toEqual({ ok: true, value: 2 });
    const metas = await byId();
    expect(metas.get(ids[0]!)!.tags).toEqual(['ai']);
    expect(metas.get(ids[0]!)!.updatedAt).toBe(T0);
    expect(metas.get(ids[1]!)!.tags).toEqual(['AI']);
    expect(metas.get(ids[2]!)!.updatedAt).toBe(LATER);
  });

  test('removeTag removes any spelling and leaves other tags', async () => {
    await setTags(db, ids, ['Energy', 'climate'], T0);
    expect(await removeTag(db, ids.slice(0, 2), 'ENERGY', LATER)).toEqual({ ok: true, value: 2 });
    const metas = await byId();
    expect(metas.get(ids[0]!)!.tags).toEqual(['climate']);
    expect(metas.get(ids[2]!)!.tags).toEqual(['Energy', 'climate']);
  });

  test('renameTagEverywhere renames, merges into an existing tag without doubles, and refuses empty names', async () => {
    await setTags(db, [ids[0]!], ['ml', 'Machine learning'], T0);
    await setTags(db, [ids[1]!], ['ML'], T0);
    expect(await renameTagEverywhere(db, 'ml', 'Machine learning', LATER)).toEqual({ ok: true, value: 2 });
    const metas = await byId();
    expect(metas.get(ids[0]!)!.tags).toEqual(['Machine learning']);
    expect(metas.get(ids[1]!)!.tags).toEqual(['Machine learning']);
    expect(metas.get(ids[2]!)!.updatedAt).toBe(T0 + 2);
    expect((await renameTagEverywhere(db, 'ml', '  ')).ok).toBe(false);
  });
});

describe('states', () => {
  test('favourite, archive and read states change and stamp updatedAt', async () => {
    await setFavourite(db, [ids[0]!], true, LATER);
    await setArchived(db, [ids[1]!], true, LATER);
    await setRead(db, [ids[2]!], true, LATER);
    let metas = await byId();
    expect(metas.get(ids[0]!)).toMatchObject({ favourite: 1, updatedAt: LATER });
    expect(metas.get(ids[1]!)).toMatchObject({ archived: 1, updatedAt: LATER });
    expect(metas.get(ids[2]!)).toMatchObject({ readAt: LATER, updatedAt: LATER });
    // Already in the asked state: nothing changes, not even the date read.
    expect(await setRead(db, [ids[2]!], true, LATER + 1)).toEqual({ ok: true, value: 0 });
    await setRead(db, [ids[2]!], false, LATER + 2);
    await setArchived(db, [ids[1]!], false, LATER + 2);
    metas = await byId();
    expect(metas.get(ids[2]!)).toMatchObject({ readAt: null, updatedAt: LATER + 2 });
    expect(metas.get(ids[1]!)!.archived).toBe(0);
  });
});

describe('delete and undo', () => {
  test('deleteMany removes articles, bodies and highlights; restoreDeleted puts them back as they were', async () => {
    const highlight = {
      id: 'h1',
      articleId: ids[0]!,
      color: 'yellow' as const,
      note: 'remember',
      quote: { type: 'TextQuoteSelector' as const, exact: 'body', prefix: '', suffix: ' 0' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: 4 },
      createdAt: 1,
      updatedAt: 1,
    };
    expect((await putHighlight(db, highlight)).ok).toBe(true);
    const before = await byId();
    const deleted = await deleteMany(db, [ids[0]!, ids[1]!, 'missing']);
    if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
    expect(deleted.value.articles.map((m) => m.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(deleted.value.contents).toHaveLength(2);
    expect(deleted.value.highlights).toEqual([highlight]);
    expect((await listArticles(db)).map((m) => m.id)).toEqual([ids[2]]);
    expect(await listHighlights(db, ids[0]!)).toEqual([]);
    expect(await db.contents.count()).toBe(1);

    expect(await restoreDeleted(db, deleted.value)).toEqual({ ok: true, value: 2 });
    expect(await byId()).toEqual(before);
    expect(await listHighlights(db, ids[0]!)).toEqual([highlight]);
    const [source] = await readIndexSources(db, [ids[0]!]);
    expect(source).toMatchObject({ text: 'body 0', highlights: [highlight] });
  });

  test('restoreDeleted puts back nothing when the page was saved again meanwhile', async () => {
    const deleted = await deleteMany(db, [ids[0]!, ids[1]!]);
    if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
    await save(0, LATER); // the same canonical URL as the deleted first article
    const restored = await restoreDeleted(db, deleted.value);
    expect(restored.ok).toBe(false);
    expect(await db.articles.count()).toBe(2);
  });
});

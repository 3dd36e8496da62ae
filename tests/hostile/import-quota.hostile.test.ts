import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { applyImportPlan, checkIntegrity, isHealthy, openDb, type ReadmarkDb } from '@/utils/storage';
import { seededLibrary, writeRawV1 } from '../fixtures/hostile/raw-v1-library';
import { recordFigures } from './support/figures';

// The import path under a full disk: a quota error thrown in the middle of applyImportPlan (after
// the deletes and several chunks of puts) must leave the library exactly as it was.

const STORES = ['articles', 'contents', 'highlights', 'settings'] as const;
const snapshot = async (db: ReadmarkDb) =>
  Object.fromEntries(await Promise.all(STORES.map(async (s) => [s, await db.table(s).toArray()] as const)));
let lost = -1;
let faults = 0;
afterAll(() =>
  recordFigures('4b import under a quota error', {
    'quota faults injected mid-import': faults,
    'library records changed or lost': lost,
  }),
);

test('a quota error mid-way through an import rolls the whole import back', async () => {
  const name = `hostile-quota-${crypto.randomUUID()}`;
  await writeRawV1(indexedDB, name, seededLibrary(7, 30));
  const db = openDb(name);
  const before = await snapshot(db);

  // The file replaces 10 existing articles and adds 1,200 new ones (three chunks of contents).
  const incoming = seededLibrary(99, 1_210);
  const renamed = (id: string, i: number) => (i < 10 ? id : `${id}-new`);
  const articles = incoming.articles.map((a, i) => ({
    ...a,
    id: renamed(a.id, i),
    canonicalUrl: `${a.canonicalUrl}/${i}`,
  }));
  const contents = incoming.contents.map((c, i) => ({ ...c, articleId: renamed(c.articleId, i) }));
  let created = 0;
  db.contents.hook('creating', () => {
    if (++created === 700) {
      faults++;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
  });
  const result = await applyImportPlan(
    db,
    {
      deleteArticleIds: articles.slice(0, 10).map((a) => a.id),
      putArticles: articles,
      putContents: contents,
      putHighlights: [],
      putSettings: [
        { key: 'colorNames', value: { yellow: 'x', green: 'x', blue: 'x', pink: 'x', purple: 'x' } },
      ],
    },
    { sanitise: (html) => html },
  );
  expect(created).toBeGreaterThanOrEqual(700);
  expect(result.ok).toBe(false);
  expect(result.ok ? null : result.error.code).toBe('storage-full');

  const after = await snapshot(db);
  lost = STORES.reduce(
    (n, s) =>
      n +
      before[s]!.filter((r, i) => !isDeepStrictEqual(r, after[s]![i])).length +
      Math.max(0, after[s]!.length - before[s]!.length),
    0,
  );
  expect(after).toEqual(before);
  expect(lost).toBe(0);
  expect(isHealthy(await checkIntegrity(db))).toBe(true);
  db.close();
});

import { beforeEach, describe, expect, test } from 'vitest';
import { type IndexState, SearchIndexSync } from '@/utils/services';
import {
  addTag,
  deleteMany,
  listHighlightStamps,
  listSummaries,
  loadSearchIndex,
  openDb,
  type ReadmarkDb,
  saveArticle,
} from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

let db: ReadmarkDb;
const ids: Record<string, string> = {};

async function save(key: string, title: string, text: string) {
  const saved = await saveArticle(
    db,
    makeExtracted({
      url: `https://example.org/${key}`,
      canonicalUrl: `https://example.org/${key}`,
      title,
      textContent: text,
    }),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  ids[key] = saved.value.id;
}

/** A sync as the library page runs it: fed the library as it is now, until it is caught up. */
async function syncNow(states: IndexState[] = []) {
  const sync = new SearchIndexSync(db, (state) => states.push(state), 0);
  await sync.update(await listSummaries(db), await listHighlightStamps(db));
  return sync;
}
const found = (sync: SearchIndexSync, query: string) => [...(sync.search(query)?.scores.keys() ?? [])];

beforeEach(async () => {
  db = openDb(`readmark-test-${crypto.randomUUID()}`);
  await save('lens', 'Cleaning a lighthouse lens', 'Soft cloths and distilled water for the glass rings.');
  await save('starter', 'Why sourdough sulks in winter', 'Yeasts slow down in a cold kitchen.');
  await save('gauge', 'Keeping a rain gauge', 'Empty the gauge before a frost.');
});

describe('SearchIndexSync', () => {
  test('a catch-up that cannot read the library says search is unavailable, as a code', async () => {
    const states: IndexState[] = [];
    const sync = new SearchIndexSync(db, (state) => states.push(state), 0);
    const metas = await listSummaries(db);
    const highlights = await listHighlightStamps(db);
    db.close();
    await sync.update(metas, highlights);
    expect(states.at(-1)).toEqual({
      phase: 'error',
      error: { code: 'search-unavailable', data: { detail: expect.stringMatching(/closed/i) } },
    });
  });

  test('builds the index on first open, then saves it', async () => {
    const states: IndexState[] = [];
    const sync = await syncNow(states);
    expect(sync.isReady).toBe(true);
    expect(states).toContainEqual({ phase: 'indexing', done: 0, total: 3 });
    expect(found(sync, 'lighthous')).toEqual([ids.lens]);
    expect(found(sync, 'distiled')).toEqual([ids.lens]); // a typo in the body text
    expect(await loadSearchIndex(db)).toBeNull();
    await sync.flush();
    expect(await loadSearchIndex(db)).toContain('"format"');
  });

  test('a later open restores the saved index and catches up only what changed', async () => {
    await (await syncNow()).flush();
    await addTag(db, [ids.gauge!], 'Allotment');
    await deleteMany(db, [ids.starter!]);
    await save('bridge', 'Harbour footbridge vote', 'The council voted on Tuesday.');

    const states: IndexState[] = [];
    const sync = await syncNow(states);
    // Two articles re-indexed (the tagged one and the new one), not the whole library.
    expect(states.filter((s) => s.phase === 'indexing')).toEqual([{ phase: 'indexing', done: 0, total: 2 }]);
    expect(found(sync, 'allotment')).toEqual([ids.gauge]);
    expect(found(sync, 'sourdough')).toEqual([]);
    expect(found(sync, 'footbridge')).toEqual([ids.bridge]);
    expect(found(sync, 'lighthouse')).toEqual([ids.lens]);
  });

  test('an unreadable saved index is rebuilt rather than trusted', async () => {
    await db.settings.put({ key: 'library.searchIndex', value: '{"not": "an index"' });
    const states: IndexState[] = [];
    const sync = await syncNow(states);
    expect(states).toContainEqual({ phase: 'indexing', done: 0, total: 3 });
    expect(found(sync, 'gauge')).toEqual([ids.gauge]);
  });

  test('follows the library while open: upserts changes, drops deleted articles', async () => {
    const sync = await syncNow();
    await addTag(db, [ids.lens!], 'Maritime');
    await deleteMany(db, [ids.gauge!]);
    await sync.update(await listSummaries(db), await listHighlightStamps(db));
    expect(found(sync, 'maritime')).toEqual([ids.lens]);
    expect(found(sync, 'gauge')).toEqual([]);
    sync.dispose();
  });

  test('says "ready" again after each catch-up that changed the index, and only then', async () => {
    const states: IndexState[] = [];
    const sync = await syncNow(states);
    const readies = () => states.filter((s) => s.phase === 'ready').length;
    expect(readies()).toBe(1);
    await sync.update(await listSummaries(db), await listHighlightStamps(db)); // nothing changed
    expect(readies()).toBe(1);
    await deleteMany(db, [ids.gauge!]);
    await sync.update(await listSummaries(db), await listHighlightStamps(db));
    expect(readies()).toBe(2);
    sync.dispose();
  });

  test('open() restores the saved index before the library is known; update then indexes nothing', async () => {
    await (await syncNow()).flush();
    const states: IndexState[] = [];
    const sync = new SearchIndexSync(db, (state) => states.push(state), 0);
    await sync.open();
    expect(sync.isReady).toBe(false); // restored, but not yet checked against the library
    await sync.update(await listSummaries(db), await listHighlightStamps(db));
    expect(states).toEqual([{ phase: 'loading' }, { phase: 'ready' }]);
    expect(found(sync, 'lighthouse')).toEqual([ids.lens]);
    expect(sync.search('distiled')?.terms.get(ids.lens!)).toEqual(['distilled']);
  });
});

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, test } from 'vitest';
import { type LibraryArticles, useLibraryArticles } from '@/components/library/use-library-articles';
import { type ArticleSummary, summarise } from '@/utils/model';
import {
  type LibraryStart,
  openDb,
  type ReadmarkDb,
  readLibraryStart,
  saveSummarySnapshot,
} from '@/utils/storage';
import { useRenderRoot } from '../../support/render-root';
import { makeMeta } from '../search/make-article';
import { saveStory } from '../storage/save-story';

// The library's list comes from the read its first script started (library-start.js) when that
// read found the database, and through Dexie when it did not.

const root = useRenderRoot();

/** Renders the hook and answers its state once `done` holds for it. */
async function articlesOf(
  db: ReadmarkDb,
  start: Promise<LibraryStart | null> | null,
  done: (state: LibraryArticles) => boolean,
): Promise<LibraryArticles> {
  let state: LibraryArticles | null = null;
  // One function for the render's life, as the page's entry passes (a new one would read again).
  const takeStart = () => start;
  function Probe() {
    state = useLibraryArticles(db, takeStart);
    return null;
  }
  act(() => render(null, root()));
  act(() => render(<Probe />, root()));
  await expect.poll(() => state !== null && done(state)).toBe(true);
  return state!;
}

const complete = (state: LibraryArticles) => state.complete;
const titles = (list: readonly ArticleSummary[] | null) => (list ?? []).map((s) => s.title).sort();

describe('the library’s list at open', () => {
  test('from the early read: its first rows, then its snapshot, kept current from the change log', async () => {
    const db = openDb(`articles-${crypto.randomUUID()}`);
    await saveStory(db, 1);
    await saveSummarySnapshot(db);
    // What only the early read holds (a snapshot as of the log's sequence), to see that it is used.
    const only = summarise(makeMeta('early', { title: 'Only in the early read', savedAt: 5 }));
    const { changes } = (await (await readLibraryStart(indexedDB, db.name))!.snapshot)!;
    const start: LibraryStart = {
      firstScreen: Promise.resolve({ rows: [only], whole: true }),
      snapshot: Promise.resolve({ json: JSON.stringify([only]), changes }),
    };
    const first = await articlesOf(db, Promise.resolve(start), (s) => s.metas !== null);
    expect(titles(first.metas)).toEqual(['Only in the early read']);
    const whole = await articlesOf(db, Promise.resolve(start), complete);
    expect(titles(whole.metas)).toEqual(['Only in the early read']);
    // A save after the read comes in from the change log.
    await saveStory(db, 2);
    const later = await articlesOf(db, Promise.resolve(start), (s) => s.metas?.length === 2);
    expect(titles(later.metas)).toEqual(['Only in the early read', 'Story 2']);
    db.close();
  });

  test('an early read that found no snapshot: the table is read', async () => {
    const db = openDb(`articles-${crypto.randomUUID()}`);
    await saveStory(db, 1);
    const start = readLibraryStart(indexedDB, db.name);
    expect(await (await start)?.snapshot).toBeNull();
    expect(titles((await articlesOf(db, start, complete)).metas)).toEqual(['Story 1']);
    db.close();
  });

  test('an early read that failed: its first rows and snapshot are read through Dexie', async () => {
    const db = openDb(`articles-${crypto.randomUUID()}`);
    await saveStory(db, 1);
    await saveSummarySnapshot(db);
    const failed: LibraryStart = {
      firstScreen: Promise.resolve(null),
      snapshot: Promise.reject(new Error('aborted')),
    };
    expect(titles((await articlesOf(db, Promise.resolve(failed), complete)).metas)).toEqual(['Story 1']);
    db.close();
  });

  test('no early read (or one that found no database): read through Dexie', async () => {
    const db = openDb(`articles-${crypto.randomUUID()}`);
    await saveStory(db, 1);
    await saveSummarySnapshot(db);
    await saveStory(db, 2);
    for (const start of [null, Promise.resolve(null)])
      expect(titles((await articlesOf(db, start, complete)).metas)).toEqual(['Story 1', 'Story 2']);
    db.close();
  });
});

import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware, Transaction } from 'dexie';
import { type ArticleMeta, type ArticleSummary, summarise } from '@/utils/model';
import type { ReadmarkDb } from './db';
import { FIRST_SCREEN_MIN, readFirstScreen, shownSummary, updateFirstScreen } from './first-screen';
import { logSummaryChanges } from './summary-snapshot';

/**
 * The library reads one small summary per article (see ArticleSummary) instead of every
 * article's metadata. Summaries are never written by hand: this middleware sits under every
 * write to `articles` (saves, re-saves, tag and state edits, deletes, undo, imports, restores,
 * and any write path added later) and mirrors it into `summaries` in the same transaction, so
 * the two can never disagree, even when a transaction aborts. It notes each change in the
 * summary snapshot's change log too (summary-snapshot.ts), and patches the first screen
 * (first-screen.ts), in the same transaction.
 */
export const SUMMARIES = 'summaries';
const ARTICLES = 'articles';

/** IndexedDB's transaction under Dexie's core (it is one in the IndexedDB core Dexie ships). */
const hasSummaries = (trans: DBCoreTransaction) =>
  (trans as unknown as IDBTransaction).objectStoreNames?.contains(SUMMARIES) ?? false;

export const summaryMirror: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ArticleSummaries',
  create(down) {
    return {
      // A transaction that may write articles writes their summaries too.
      transaction(stores, mode, options) {
        const wide =
          mode === 'readwrite' && stores.includes(ARTICLES) && !stores.includes(SUMMARIES)
            ? [...stores, SUMMARIES]
            : stores;
        return down.transaction(wide, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== ARTICLES) return table;
        return {
          ...table,
          async mutate(request: DBCoreMutateRequest) {
            const response = await table.mutate(request);
            // Upgrades from before version 4 run while the store does not exist yet; version 4's
            // upgrade then builds every summary.
            if (!hasSummaries(request.trans)) return response;
            const { trans } = request;
            const summaries = down.table(SUMMARIES);
            if (request.type === 'deleteRange') {
              await summaries.mutate({ trans, type: 'deleteRange', range: request.range });
              await logSummaryChanges(down, trans, null);
              await updateFirstScreen(down, trans, [], null);
            } else if (request.type === 'delete') {
              await summaries.mutate({ trans, type: 'delete', keys: request.keys });
              await logSummaryChanges(down, trans, request.keys as string[]);
              await updateFirstScreen(down, trans, [], request.keys as string[]);
            } else {
              // Only the records IndexedDB took (a bulk write can refuse some and go on).
              const written = (request.values as readonly ArticleMeta[]).filter(
                (_, i) => !(i in response.failures),
              );
              if (written.length > 0) {
                const put = written.map(summarise);
                await summaries.mutate({ trans, type: 'put', values: put });
                await logSummaryChanges(
                  down,
                  trans,
                  written.map((meta) => meta.id),
                );
                await updateFirstScreen(down, trans, put, []);
              }
            }
            return response;
          },
        };
      },
    };
  },
};

/**
 * Version 4's upgrade: a summary for every article already saved. Reads in pages, so a library of
 * 10,000 articles never sits in memory at once.
 */
export async function buildArticleSummaries(tx: Transaction): Promise<void> {
  const PAGE = 500;
  const articles = tx.table<ArticleMeta, string>(ARTICLES);
  const summaries = tx.table<ArticleSummary, string>(SUMMARIES);
  let after: string | null = null;
  for (;;) {
    const page: ArticleMeta[] = await (after === null
      ? articles.orderBy(':id')
      : articles.where(':id').above(after)
    )
      .limit(PAGE)
      .toArray();
    if (page.length === 0) return;
    await summaries.bulkPut(page.map(summarise));
    after = page.at(-1)!.id;
  }
}

/**
 * Every article's summary, in no particular order (the library sorts them itself). Article ids
 * are strings: the number keys below them are the snapshot's bookkeeping (summary-snapshot.ts).
 */
export function listSummaries(db: ReadmarkDb): Promise<ArticleSummary[]> {
  return db.summaries.where(':id').aboveOrEqual('').toArray();
}

/** The newest summaries of articles not archived: the library's first rows, before the whole list. */
export function listNewestSummaries(db: ReadmarkDb, limit: number): Promise<ArticleSummary[]> {
  return db.summaries
    .orderBy('savedAt')
    .reverse()
    .filter((summary) => summary.archived === 0)
    .limit(limit)
    .toArray();
}

/**
 * The library's first rows: the stored first screen (one record, first-screen.ts), else the newest
 * summaries of articles not archived read through the index; without their heads either way.
 */
export async function listFirstRows(db: ReadmarkDb): Promise<ArticleSummary[]> {
  return (
    (await readFirstScreen(db))?.rows ?? (await listNewestSummaries(db, FIRST_SCREEN_MIN)).map(shownSummary)
  );
}

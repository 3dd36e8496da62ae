import type { DBCore, DBCoreTransaction, Table, Transaction } from 'dexie';
import type { ArticleSummary } from '@/utils/model';
import type { ReadmarkDb } from './db';

/**
 * The library's first screen in one small record: the newest summaries on its default shelf (not
 * archived, newest saved first), so the first rows paint from one read of one record, however
 * big the library. Finding the newest unarchived summaries through the `savedAt` index is a
 * cursor walk of one round trip per row (tens of ms on a busy machine at 10,000 articles).
 *
 * Unlike the whole-list snapshot (summary-snapshot.ts), this record is kept exact in the same
 * transaction as every write to `articles` (summaryMirror calls updateFirstScreen): it is small,
 * so rewriting it with each write costs little, and it never needs the change log. It holds an
 * exact prefix of the shelf: every article not in it (and not changed since) sorts at or after
 * its last row. A change that moves an article out of the prefix shortens it; once it is shorter
 * than FIRST_SCREEN_MIN (and not the whole shelf) it is dropped, and the library reads the
 * newest summaries through the index until the next snapshot writes it again.
 */
export const FIRST_SCREEN_KEY = 2;

/** Bump when ArticleSummary's shape changes: an older record is then ignored. */
const FIRST_SCREEN_FORMAT = 1;
/**
 * Rows kept: a tall window's worth, and room for changes to move some out before it is dropped.
 * Every article write rewrites the record, so it is kept small (about 20 kB).
 */
export const FIRST_SCREEN_MAX = 60;
/** Fewer rows than this (the shelf holding more) would not fill a tall window: dropped instead. */
export const FIRST_SCREEN_MIN = 30;

interface FirstScreenRecord {
  id: typeof FIRST_SCREEN_KEY;
  format: number;
  /** The newest unarchived summaries, newest first. */
  rows: ArticleSummary[];
  /** The rows are every unarchived article (the shelf holds no more). */
  whole: boolean;
}

/**
 * What the library shows first: the newest unarchived summaries, newest first, without their
 * `head` (empty: the opening text is for search, which waits for the whole list; it is half the
 * record's size).
 */
export interface FirstScreen {
  rows: ArticleSummary[];
  /** True when `rows` are the whole shelf. */
  whole: boolean;
}

const SUMMARIES = 'summaries';

/** The first screen a stored record holds; null when there is none or it has an older format. */
export function firstScreenFrom(value: unknown): FirstScreen | null {
  const record = value as Partial<FirstScreenRecord> | undefined;
  if (record?.format !== FIRST_SCREEN_FORMAT || !Array.isArray(record.rows)) return null;
  return { rows: record.rows, whole: record.whole === true };
}

const newestFirst = (a: ArticleSummary, b: ArticleSummary) => b.savedAt - a.savedAt;

/** A summary as the first screen keeps it. */
export const shownSummary = (summary: ArticleSummary): ArticleSummary => ({ ...summary, head: '' });

/** The first screen of a shelf (the summaries given are all unarchived ones or more). */
export function firstScreenOf(summaries: readonly ArticleSummary[]): FirstScreen {
  const shelf = summaries.filter((s) => s.archived === 0).sort(newestFirst);
  return {
    rows: shelf.slice(0, FIRST_SCREEN_MAX).map(shownSummary),
    whole: shelf.length <= FIRST_SCREEN_MAX,
  };
}

/**
 * `screen` after `put` were written (new or changed) and `removed` deleted (`screen` itself when
 * none of them is or enters it); null when what is left is too short to be worth keeping. An article enters only when it sorts before the old last row
 * (or the screen is the whole shelf): an article after it may come after unknown ones.
 */
export function patchFirstScreen(
  screen: FirstScreen,
  put: readonly ArticleSummary[],
  removed: readonly string[],
): FirstScreen | null {
  // One write may name an article twice (the last one stands).
  const written = [...new Map(put.map((s) => [s.id, s])).values()];
  const changed = new Set([...removed, ...written.map((s) => s.id)]);
  const last = screen.rows.at(-1);
  const entering = written.filter(
    (s) => s.archived === 0 && (screen.whole || last === undefined || s.savedAt > last.savedAt),
  );
  const kept = screen.rows.filter((s) => !changed.has(s.id));
  // Most writes touch older articles (read, tagged, highlighted): nothing to rewrite.
  if (kept.length === screen.rows.length && entering.length === 0) return screen;
  // Stable: equal times keep their order, entering ones after the kept.
  const rows = [...kept, ...entering.map(shownSummary)].sort(newestFirst);
  const whole = screen.whole && rows.length <= FIRST_SCREEN_MAX;
  if (!whole && rows.length < FIRST_SCREEN_MIN) return null;
  return { rows: rows.slice(0, FIRST_SCREEN_MAX), whole };
}

const record = (screen: FirstScreen): FirstScreenRecord => ({
  id: FIRST_SCREEN_KEY,
  format: FIRST_SCREEN_FORMAT,
  ...screen,
});

/**
 * Inside `trans` (a write summaryMirror widened to the summaries): the first screen after these
 * summaries were written and these ids deleted; `removed` null for a range delete, which drops it.
 * Nothing to do while there is none (the next snapshot writes one).
 */
export async function updateFirstScreen(
  down: DBCore,
  trans: DBCoreTransaction,
  put: readonly ArticleSummary[],
  removed: readonly string[] | null,
): Promise<void> {
  const summaries = down.table(SUMMARIES);
  const screen = firstScreenFrom(await summaries.get({ trans, key: FIRST_SCREEN_KEY }));
  if (!screen) return;
  const next = removed === null ? null : patchFirstScreen(screen, put, removed);
  if (next === screen) return;
  await summaries.mutate(
    next
      ? { trans, type: 'put', values: [record(next)] }
      : { trans, type: 'delete', keys: [FIRST_SCREEN_KEY] },
  );
}

/**
 * A new database's first screen: the whole (empty) shelf, kept exact from the first save on, so a
 * new library never reads its first rows through the index.
 */
export function populateFirstScreen(tx: Transaction): Promise<unknown> {
  return tx.table<FirstScreenRecord, number>(SUMMARIES).add(record({ rows: [], whole: true }));
}

/** Writes `screen` as the first screen, within the caller's transaction on the summaries. */
export function putFirstScreen(db: ReadmarkDb, screen: FirstScreen): Promise<unknown> {
  return (db.summaries as unknown as Table<FirstScreenRecord, number>).put(record(screen));
}

/** The stored first screen, or null when there is none (then read the newest through the index). */
export async function readFirstScreen(db: ReadmarkDb): Promise<FirstScreen | null> {
  return firstScreenFrom(
    await (db.summaries as unknown as Table<FirstScreenRecord, number>).get(FIRST_SCREEN_KEY),
  );
}

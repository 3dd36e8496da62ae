import type { DBCore, DBCoreTransaction, Table } from 'dexie';
import type { ArticleSummary } from '@/utils/model';
import type { ReadmarkDb } from './db';
import { FIRST_SCREEN_KEY, firstScreenOf, putFirstScreen } from './first-screen';
import { listSummaries } from './summaries';

/**
 * The library's whole list in one record. IndexedDB reads 10,000 small summaries as 10,000
 * records (about a second on a busy 2-core machine, most of it in the browser's storage process);
 * the same list as one JSON string reads and parses in a few tens of ms. The snapshot is derived
 * data, kept in the summaries table itself (under number keys, which sort before every article
 * id, so listing the summaries never meets them; backups never hold that table), and always
 * checked against the change log below, so it never shows a library other than the stored one.
 *
 * The change log is written by summaryMirror in the same transaction as every write to
 * `articles`: a sequence number, and per changed article id the sequence of its last change. A
 * snapshot records the sequence it was read at; reading it back patches in the summaries of the
 * articles changed since (a few, typically: the articles saved or read since the library was last
 * open), drops the deleted ones, and gives up (null: read the table) when too much changed.
 */
export const SUMMARY_LOG_KEY = 0;
export const SUMMARY_SNAPSHOT_KEY = 1;

/** Bump when ArticleSummary's shape changes: an older snapshot is then ignored. */
const SNAPSHOT_FORMAT = 1;
/**
 * Past this many changed articles the log forgets them and marks everything changed (`reset`):
 * an import of thousands of articles must not rewrite a growing log with every batch, and
 * patching that many is no faster than reading the table.
 */
const LOG_LIMIT = 1_000;

interface SummaryLog {
  id: typeof SUMMARY_LOG_KEY;
  seq: number;
  /** Sequence of each article's last change since the log was last trimmed. */
  changed: Record<string, number>;
  /** Snapshots read before this sequence cannot be patched (a range delete, an overflow). */
  reset: number;
}

interface SummarySnapshot {
  id: typeof SUMMARY_SNAPSHOT_KEY;
  format: number;
  /** The log's sequence when the list was read. */
  seq: number;
  /** JSON of ArticleSummary[]. */
  json: string;
}

const SUMMARIES = 'summaries';
const EMPTY_LOG: SummaryLog = { id: SUMMARY_LOG_KEY, seq: 0, changed: {}, reset: 0 };

function readLog(value: unknown): SummaryLog {
  const log = value as Partial<SummaryLog> | undefined;
  return typeof log?.seq === 'number' && typeof log.changed === 'object' && log.changed !== null
    ? {
        ...EMPTY_LOG,
        seq: log.seq,
        changed: log.changed,
        reset: typeof log.reset === 'number' ? log.reset : 0,
      }
    : EMPTY_LOG;
}

/** The summaries table seen as its two bookkeeping records. */
const records = (db: ReadmarkDb) => db.summaries as unknown as Table<SummaryLog | SummarySnapshot, number>;

/**
 * Notes in the change log, inside `trans` (a transaction summaryMirror widened to the summaries),
 * that these articles changed; `ids` null for a range delete (all of them, as far as snapshots go).
 */
export async function logSummaryChanges(
  down: DBCore,
  trans: DBCoreTransaction,
  ids: readonly string[] | null,
): Promise<void> {
  const summaries = down.table(SUMMARIES);
  const log = readLog(await summaries.get({ trans, key: SUMMARY_LOG_KEY }));
  const seq = log.seq + 1;
  let changed: Record<string, number> = { ...log.changed };
  let reset = log.reset;
  if (ids === null || Object.keys(changed).length + ids.length > LOG_LIMIT) {
    changed = {};
    reset = seq;
  } else {
    for (const id of ids) changed[id] = seq;
  }
  const value: SummaryLog = { id: SUMMARY_LOG_KEY, seq, changed, reset };
  await summaries.mutate({ trans, type: 'put', values: [value] });
}

/** The library as of a change-log sequence. */
export interface SummaryList {
  summaries: ArticleSummary[];
  seq: number;
}

/** What changed after a sequence: summaries to put (new or changed) and ids gone. */
export interface SummaryChanges {
  seq: number;
  put: ArticleSummary[];
  removed: string[];
}

/** A snapshot and what to patch into it, before the changed summaries are read. */
export interface SnapshotToPatch {
  json: string;
  /** The log's sequence: what the list is current at once patched. */
  seq: number;
  /** Articles changed since the snapshot was taken (read their summaries in the same transaction). */
  changedIds: string[];
}

/**
 * A snapshot record checked against the log record read with it; null when there is no usable
 * snapshot (none, an older format, a reset of the log since). Shared by the Dexie read below and
 * the library's first script (library-start.ts), which reads the same records raw.
 */
export function snapshotToPatch(snapshotRecord: unknown, logRecord: unknown): SnapshotToPatch | null {
  const snapshot = snapshotRecord as Partial<SummarySnapshot> | undefined;
  if (snapshot?.format !== SNAPSHOT_FORMAT || typeof snapshot.seq !== 'number') return null;
  if (typeof snapshot.json !== 'string') return null;
  const log = readLog(logRecord);
  const changes = changedSince(log, snapshot.seq);
  return changes && { json: snapshot.json, seq: log.seq, changedIds: changes };
}

/** Ids of the articles changed after `since`; null when the log cannot tell (reset since, or a newer log). */
function changedSince(log: SummaryLog, since: number): string[] | null {
  if (log.reset > since || log.seq < since) return null;
  return Object.keys(log.changed).filter((id) => log.changed[id]! > since);
}

/** The changes as of `seq`, from the summaries found for the changed ids (missing: deleted). */
export function changesFound(
  seq: number,
  ids: readonly string[],
  found: readonly (ArticleSummary | undefined)[],
): SummaryChanges {
  const put: ArticleSummary[] = [];
  const removed: string[] = [];
  found.forEach((summary, i) => {
    if (summary) put.push(summary);
    else removed.push(ids[i]!);
  });
  return { seq, put, removed };
}

/** The changes logged after `since`; null when the log cannot tell (reset since, or a newer log). */
async function changesSince(db: ReadmarkDb, log: SummaryLog, since: number): Promise<SummaryChanges | null> {
  const ids = changedSince(log, since);
  if (!ids) return null;
  return changesFound(log.seq, ids, ids.length > 0 ? await db.summaries.bulkGet(ids) : []);
}

/** `list` with `changes` applied: changed summaries replaced (new ones added), removed ones dropped. */
export function applySummaryChanges(
  list: readonly ArticleSummary[],
  changes: Pick<SummaryChanges, 'put' | 'removed'>,
): ArticleSummary[] {
  const replaced = new Set([...changes.removed, ...changes.put.map((s) => s.id)]);
  return [...list.filter((summary) => !replaced.has(summary.id)), ...changes.put];
}

/** A snapshot read with the changes logged since it was taken, before its JSON is parsed. */
export interface SnapshotRead {
  json: string;
  changes: SummaryChanges;
}

/**
 * The whole library's summaries from the snapshot, patched with the changes logged since it was
 * taken, and the log sequence they are current at; null when there is no usable snapshot (none
 * yet, an older format, a reset of the log): then list the summaries table. Parsing 10,000
 * summaries takes tens of ms of the caller's thread: `parseAfter` holds it back (the library's
 * first rows paint first) without holding back the read.
 */
export async function readSummarySnapshot(
  db: ReadmarkDb,
  parseAfter?: Promise<unknown>,
): Promise<SummaryList | null> {
  const read = await db.transaction('r', db.summaries, async (): Promise<SnapshotRead | null> => {
    const [snapshotRecord, logRecord] = await records(db).bulkGet([SUMMARY_SNAPSHOT_KEY, SUMMARY_LOG_KEY]);
    const toPatch = snapshotToPatch(snapshotRecord, logRecord);
    if (!toPatch) return null;
    const { json, seq, changedIds } = toPatch;
    const found = changedIds.length > 0 ? await db.summaries.bulkGet(changedIds) : [];
    return { json, changes: changesFound(seq, changedIds, found) };
  });
  if (!read) return null;
  await parseAfter;
  return parseSnapshot(read);
}

/** The list a snapshot read gives: its JSON parsed, the changes since applied. */
export function parseSnapshot({ json, changes }: SnapshotRead): SummaryList {
  const list = JSON.parse(json) as ArticleSummary[];
  const summaries =
    changes.put.length + changes.removed.length > 0 ? applySummaryChanges(list, changes) : list;
  return { summaries, seq: changes.seq };
}

/**
 * The summaries changed (or gone) after log sequence `since`, to keep a list from
 * readSummarySnapshot current (observe it: it reads the log record, which every change rewrites);
 * null when the log cannot tell (reset since): then list the table again.
 */
export async function readSummaryChanges(db: ReadmarkDb, since: number): Promise<SummaryChanges | null> {
  return db.transaction('r', db.summaries, async () =>
    changesSince(db, readLog(await records(db).get(SUMMARY_LOG_KEY)), since),
  );
}

/**
 * How far the snapshot is from the table: 'missing' (none, an older format, a reset log), true
 * when `changes` or more articles changed since it was taken (saveSummarySnapshot is then worth
 * its read of the whole table), else false.
 */
export async function summarySnapshotBehind(db: ReadmarkDb, changes = 1): Promise<boolean | 'missing'> {
  const [snapshotRecord, logRecord, firstScreen] = await records(db).bulkGet([
    SUMMARY_SNAPSHOT_KEY,
    SUMMARY_LOG_KEY,
    FIRST_SCREEN_KEY,
  ]);
  const toPatch = snapshotToPatch(snapshotRecord, logRecord);
  // The first screen is taken with the snapshot (and dropped when changes shortened it too much).
  if (!toPatch || !firstScreen) return 'missing';
  return toPatch.changedIds.length >= changes;
}

/**
 * Takes a new snapshot: reads the table and the log's sequence in one read transaction (so the
 * list is exactly the library at that sequence), then stores the list and trims from the log
 * what the snapshot holds. The first screen (first-screen.ts) is written from the same list when
 * nothing changed between the two transactions (a change meanwhile kept the old one exact, or
 * dropped it; it is taken next time then). Reading 10,000 summaries takes a moment: call it
 * where nothing waits.
 */
export async function saveSummarySnapshot(db: ReadmarkDb): Promise<void> {
  const { list, seq } = await db.transaction('r', db.summaries, async () => {
    const [list, logRecord] = await Promise.all([listSummaries(db), records(db).get(SUMMARY_LOG_KEY)]);
    return { list, seq: readLog(logRecord).seq };
  });
  // Stored in the library's default order, newest saved first: the library's sort of 10,000
  // summaries, on its main thread as it opens, then finds them in order (one pass, not a full sort).
  list.sort((a, b) => b.savedAt - a.savedAt);
  const snapshot: SummarySnapshot = {
    id: SUMMARY_SNAPSHOT_KEY,
    format: SNAPSHOT_FORMAT,
    seq,
    json: JSON.stringify(list),
  };
  await db.transaction('rw', db.summaries, async () => {
    const log = readLog(await records(db).get(SUMMARY_LOG_KEY));
    const changed: Record<string, number> = {};
    for (const [id, at] of Object.entries(log.changed)) if (at > seq) changed[id] = at;
    await records(db).bulkPut([snapshot, { ...log, changed }]);
    if (log.seq === seq) await putFirstScreen(db, firstScreenOf(list));
  });
}

/**
 * Takes a new snapshot when the stored one is missing (or its first screen is) or `changes` or
 * more articles changed since it was taken; answers whether it took one.
 */
export async function refreshSummarySnapshot(db: ReadmarkDb, changes = 1): Promise<boolean> {
  if (!(await summarySnapshotBehind(db, changes))) return false;
  await saveSummarySnapshot(db);
  return true;
}

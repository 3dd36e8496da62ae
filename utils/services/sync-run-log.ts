/**
 * The sync run log: for each of this device's last runs, what started it, when it asked for the
 * run lock, got it and ended, and how long each of its phases took (the service's own and the
 * engine's: SyncOptions.onPhase). Device-local (syncMeta: never in backups, never synced), one
 * write per run, the last RUN_LOG_SIZE runs kept. What it is for: telling where a run's time goes
 * on a real browser (`npm run bench:sync-chromium` prints it) without scraping a console. A run
 * stopped midway writes nothing (its status records no success either), nor does one refused
 * before it starts (not set up, stopped by the reader, no host access: its status says why).
 */
import type { ReadmarkDb } from '@/utils/storage';
import type { SyncPhase } from '@/utils/sync';

/** syncMeta key of the log. */
export const RUN_LOG_KEY = 'runLog';
export const RUN_LOG_SIZE = 20;

/** What started a run: the reader (a page), the alarm, browser start, or a page handing over. */
export type RunTrigger = 'reader' | 'alarm' | 'startup' | 'continue';

/** The service's own phases around the engine's (SyncPhase). */
export type ServicePhase =
  | 'seed' // seedOutbox: the library compared with what sync knows (first two runs after set-up)
  | 'settle-bodies' // hashes of bodies written here since the last run
  | 'settle-pictures' // picture links changed here since the last run
  | 'engine-lock' // waiting for the engine's own lock (engine.ts, withSyncLock)
  | 'apply-after' // merged records left after an engine run, written to the library
  | 'status'; // the follow-up alarm, the hand-over, the status record

export interface RunLogEntry {
  trigger: RunTrigger;
  /** Date.now() when the run was asked for, got the run lock (SYNC_RUN_LOCK), and ended. */
  calledAt: number;
  startedAt: number;
  endedAt: number;
  /** Phases in the order they ran, each with its milliseconds (a phase run again is listed again). */
  phases: [ServicePhase | SyncPhase, number][];
  /** 'done', 'paused' or 'failed' as the engine said; 'error': the service threw. */
  outcome: 'done' | 'paused' | 'failed' | 'error';
  bodiesFetched: number;
}

/** Times a run's phases: each `phase()` call ends the one before (Date.now(), or the given clock). */
export class RunTimer {
  readonly phases: [ServicePhase | SyncPhase, number][] = [];
  private current: { name: ServicePhase | SyncPhase; since: number } | null = null;

  constructor(
    readonly trigger: RunTrigger,
    readonly calledAt: number,
    readonly startedAt: number,
    private readonly now: () => number = Date.now,
  ) {}

  phase = (name: ServicePhase | SyncPhase): void => {
    const at = this.now();
    this.close(at);
    this.current = { name, since: at };
  };

  /** The entry for the log, the current phase closed now. */
  finish(outcome: RunLogEntry['outcome'], bodiesFetched: number): RunLogEntry {
    const endedAt = this.now();
    this.close(endedAt);
    this.current = null;
    const { trigger, calledAt, startedAt, phases } = this;
    return { trigger, calledAt, startedAt, endedAt, phases, outcome, bodiesFetched };
  }

  private close(at: number) {
    if (this.current) this.phases.push([this.current.name, at - this.current.since]);
  }
}

export async function loadRunLog(db: ReadmarkDb): Promise<RunLogEntry[]> {
  const stored = (await db.syncMeta.get(RUN_LOG_KEY))?.value;
  return Array.isArray(stored) ? (stored as RunLogEntry[]) : [];
}

/** Adds a run to the log (the oldest beyond RUN_LOG_SIZE go); a failed write never fails a run. */
export async function logRun(db: ReadmarkDb, entry: RunLogEntry): Promise<void> {
  try {
    await db.transaction('rw', db.syncMeta, async () => {
      const log = await loadRunLog(db);
      await db.syncMeta.put({ key: RUN_LOG_KEY, value: [...log, entry].slice(-RUN_LOG_SIZE) });
    });
  } catch {
    // The log is for looking into runs; a run's outcome stands in its status either way.
  }
}

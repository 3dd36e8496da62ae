/**
 * How long one sync run goes on fetching bodies and pictures, and how the background worker
 * stays alive meanwhile.
 *
 * Chrome stops an extension's service worker after 30 s without events or extension API calls;
 * since Chrome 110 each event and each extension API call resets that timer, and a worker is
 * also stopped when one event or API call takes over 5 minutes, or a fetch() response takes over
 * 30 s to arrive (developer.chrome.com, docs/extensions/develop/concepts/service-workers/lifecycle,
 * "Idle and shutdown"). Chrome's own guide to longer work ("Keep a service worker alive until a
 * long-running operation is finished") calls a trivial API, `chrome.runtime.getPlatformInfo()`,
 * to reset the timer. IndexedDB and fetch() are not extension APIs, so a run that only downloads
 * and stores has no promise of outliving the alarm that started it by more than 30 s: a
 * background run calls getPlatformInfo once per batch of bodies (every few seconds; each request
 * stays far under 30 s), and every KEEP_ALIVE_EVERY_MS from the moment it is asked for until it
 * ends, whatever it is doing (`keptAlive`): its other phases can outlast 30 s too (a first run
 * merging a 10,000-article library's packs, settling its bodies) with no batch in them. The same
 * guide's way to stay alive continuously is this one: a timer calling getPlatformInfo.
 * In Firefox's event page the same call is a harmless read.
 *
 * A run the reader started ("Sync now", in a page) keeps the one-minute budget: its button waits
 * for it. A background run goes on past the budget while batches keep landing, up to RUN_CAP_MS;
 * what is left then follows in the next run, half a minute later (sync-service.ts). A stop at any
 * point loses at most the batch in hand and records no success (engine.ts, fetchBodies).
 */
import { browser } from 'wxt/browser';

/** How often `keptAlive` calls the keep-alive: well inside Chrome's 30 s idle timeout. */
export const KEEP_ALIVE_EVERY_MS = 20_000;

/** Every run fetches for about this long; a background one longer while it makes progress. */
export const RUN_BUDGET_MS = 60_000;
/**
 * A background run starts no batch after this long. Five minutes: Chrome's limit for one event
 * (above), kept as a ceiling although the alarm's handler returns at once, so a run never counts
 * on more than the browser has ever promised; and a reader's other work in the worker (a save
 * waiting on the library) is never held up behind sync for longer.
 */
export const RUN_CAP_MS = 5 * 60_000;

/** The Web Lock every sync run holds (sync-service.ts, withRunLock). */
export const SYNC_RUN_LOCK = 'readmark-sync-run';

export interface RunWindow {
  /** No batch is started after this time... */
  until: number;
  /** ...except, while the previous batch landed bodies, until this one (≥ `until`). */
  goOnUntil: number;
  /**
   * Called once per batch: keeps the worker alive (a no-op where nothing idles it), and answers
   * whether the run may still go on past `until`: not while another run waits for the lock (the
   * reader's "Sync now" would otherwise wait behind this run for minutes).
   */
  afterBatch: () => Promise<boolean>;
}

/** The window of a run started at `started` (Date.now()); `automatic`: a background run. */
export function runWindow(started: number, automatic: boolean): RunWindow {
  const until = started + RUN_BUDGET_MS;
  return automatic
    ? {
        until,
        goOnUntil: started + RUN_CAP_MS,
        afterBatch: async () => {
          await keepWorkerAlive();
          return !(await anotherRunWaits());
        },
      }
    : { until, goOnUntil: until, afterBatch: async () => false };
}

/** Whether another sync run (a page's "Sync now") is waiting for the run lock. */
async function anotherRunWaits(): Promise<boolean> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return false;
  const { pending = [] } = await locks.query();
  return pending.some((lock) => lock.name === SYNC_RUN_LOCK);
}

/** Runs `work` (a background run), calling the keep-alive every KEEP_ALIVE_EVERY_MS until it ends. */
export async function keptAlive<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void keepWorkerAlive(), KEEP_ALIVE_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** One cheap extension API call (resets Chrome's idle timer); a refusal never fails the run. */
export async function keepWorkerAlive(): Promise<void> {
  try {
    await browser.runtime.getPlatformInfo();
  } catch {
    // Nothing to keep alive here (a test's fake browser); the run goes on either way.
  }
}

/**
 * The sync service: set-up, one run (check host access, hash new bodies, run the engine, write
 * what it merged into the library), the status it persists (sync-status.ts), and when runs happen: an alarm every
 * few minutes, half a minute after a local change, at browser start, and "Sync now".
 *
 * Runs never overlap: the engine queues them per store and, across the extension's pages and
 * worker, through the Web Locks API; applying merged records is idempotent (sync-apply.ts).
 * The configuration (password, passphrase) lives in syncMeta: device-local, never in backups,
 * never synced.
 */
import { browser } from 'wxt/browser';
import { sendToBackground } from '@/utils/messaging';
import { type AppError, appError, describeThrown, ok, type Result } from '@/utils/model';
import type { ReadmarkDb } from '@/utils/storage';
import { type SyncResult, syncOnce, WebDavTarget } from '@/utils/sync';
import { applyMerged, type Kept, libraryBodies, type Rejected, settleBodies } from './sync-apply';
import { installSyncCapture } from './sync-capture';
import {
  forgetLegacyPassphrase,
  legacyPassphrase,
  loadSyncConfig,
  SYNC_ALARM,
  SYNC_ALARM_SOON,
} from './sync-config';
import { libraryPictures, markPicturedOnce, settlePictures } from './sync-pictures';
import { captureChange, dexieStores, META, SYNCED_SETTINGS } from './sync-records';
import { logRun, RunTimer, type RunTrigger } from './sync-run-log';
import { keptAlive, runWindow, SYNC_RUN_LOCK } from './sync-run-window';
import { loadSyncStatus, type SyncStatus, saveStatus } from './sync-status';
import { DexieSyncStore } from './sync-store';

/**
 * How far each pass of seeding the outbox with the library got (the last article id done; '' =
 * not started). The second pass, at the next run, catches a change made in a page that had not
 * yet heard of the set-up (sync-switch.ts).
 */
const SEED_PASSES = ['seeded', 'seeded-again'] as const;
const SEED_DONE = '\uffff';
/**
 * When a run stopped with bodies or pictures left to fetch, the next one runs this soon by itself
 * (the reader clicks nothing). Half a minute is the shortest delay Chromium allows a packed MV3
 * extension (alarms_api_constants: kMV3ReleaseDelayMinimum, 30 s, "aligned with the idle timeout
 * of service workers"; unpacked, 1 s); MDN names no such floor for Firefox.
 */
const FOLLOW_UP_MINUTES = 0.5;

/** The host permission pattern for the server's origin (host only: match patterns take no port in Firefox). */
export function syncHostPattern(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return null;
  }
}

/**
 * Asks for access to the server's origin. Call it first thing in the click handler: browsers
 * grant permission requests only inside the reader's gesture.
 */
export function requestSyncAccess(url: string): Promise<boolean> {
  const pattern = syncHostPattern(url);
  if (!pattern) return Promise.resolve(false);
  return browser.permissions.request({ origins: [pattern] });
}

/**
 * Background: the changes recorded for sync, and the listeners of the periodic alarm, the alarm
 * after changes and the run at start (registered at the worker's top level, as MV3 requires).
 * checkSyncAlarm creates the periodic alarm.
 */
export function setUpSync(db: ReadmarkDb): void {
  installSyncCapture(db);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === SYNC_ALARM_SOON)
      void runSync(db, { automatic: true, trigger: 'alarm' });
  });
  browser.runtime.onStartup.addListener(() => void runSync(db, { automatic: true, trigger: 'startup' }));
}

/**
 * The periodic sync alarm while sync is set up, checked at each start of the background (once the
 * event that woke it is handled). Created once: created again at every start, it would be pushed
 * back each time.
 */
export async function checkSyncAlarm(db: ReadmarkDb): Promise<void> {
  const [alarm, config] = await Promise.all([browser.alarms.get(SYNC_ALARM), loadSyncConfig(db)]);
  if (!alarm && config) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });
}

/**
 * The background's answer to an extension page whose run left bodies to fetch: its own run, at
 * once. It answers before the run ends; the run keeps the worker alive while bodies land
 * (sync-run-window.ts) and queues behind the page's run lock.
 */
export function syncHandlers(db: ReadmarkDb) {
  return {
    async syncContinue(): Promise<Result<true>> {
      void runSync(db, { automatic: true, trigger: 'continue' });
      return ok(true);
    },
  };
}

/**
 * Records the whole library in the outbox (resumable, 200 articles a transaction): only what
 * differs from what sync knows travels, so a pass over a library already recorded adds nothing.
 * The first pass runs at the first run after set-up, the second at the run after it.
 */
async function seedOutbox(db: ReadmarkDb): Promise<void> {
  for (const pass of SEED_PASSES) {
    const done = await seedPass(db, pass);
    if (!done) return;
  }
}

/** One pass; answers whether it had already finished before this run. */
async function seedPass(db: ReadmarkDb, key: string): Promise<boolean> {
  let after = ((await db.syncMeta.get(key))?.value as string | undefined) ?? '';
  if (after === SEED_DONE) return true;
  while (after !== SEED_DONE) {
    after = await db.transaction(
      'rw',
      [
        db.articles,
        db.highlights,
        db.contents,
        db.settings,
        db.articleImages,
        db.syncMeta,
        db.syncEntities,
        db.syncOutbox,
      ],
      async () => {
        const page = await db.articles.where(':id').above(after).limit(200).toArray();
        const stores = dexieStores(db);
        if (after === '') {
          // The settings that travel (colour names), with the first page.
          const settings = (await db.settings.bulkGet([...SYNCED_SETTINGS])).filter(
            (row) => row !== undefined,
          );
          if (settings.length)
            await captureChange({ table: 'settings', type: 'put', values: settings }, stores);
        }
        if (page.length > 0) {
          const ids = page.map((a) => a.id);
          await captureChange({ table: 'articles', type: 'put', values: page }, stores);
          const highlights = await db.highlights.where('articleId').anyOf(ids).toArray();
          if (highlights.length)
            await captureChange({ table: 'highlights', type: 'put', values: highlights }, stores);
          const bodies = await db.contents.where(':id').anyOf(ids).primaryKeys();
          const pictured = await db.articleImages.where('articleId').anyOf(ids).toArray();
          await stores.put('syncMeta', [
            ...bodies.map((id) => ({ key: META.bodyPrefix + id, value: 1 })),
            ...[...new Set(pictured.map((link) => link.articleId))].map((id) => ({
              key: META.picsPrefix + id,
              value: 1,
            })),
          ]);
        }
        const next = page.length < 200 ? SEED_DONE : page.at(-1)!.id;
        await db.syncMeta.put({ key, value: next });
        return next;
      },
    );
  }
  return false;
}

/** A run's outcome as the reader's error (null: it went through); the engine made it a code. */
const resultError = (result: SyncResult): AppError | null => (result.status === 'done' ? null : result.error);

function rejectedError(rejected: Rejected[]): AppError | null {
  const first = rejected[0];
  if (!first) return null;
  return appError('sync-records-rejected', {
    count: rejected.length,
    // Kind and id only: the reason is the validator's English, which a French reader would see.
    detail: `${first.kind} ${first.id}`,
  });
}

export interface RunOptions {
  /**
   * The passphrase the reader just typed (set-up, or after it was changed on another device):
   * used for this run only, never kept; the engine keeps the folder's keys instead.
   */
  passphrase?: string;
  /** The approval of a mass change the reader said "Continue" to. */
  approve?: string;
  /** An alarm's run: skipped while the reader has stopped sync after a mass-change question. */
  automatic?: boolean;
  /** What started it, for the run log (default: 'alarm' when automatic, else 'reader'). */
  trigger?: RunTrigger;
  /**
   * The engine's pause after creating a sync folder (SyncOptions.settleMs, default 2 s). The
   * extension leaves it unset; tests of one device at a time shorten it, as nothing races them.
   */
  settleMs?: number;
}

/**
 * One sync run, start to finish; answers the status it leaves (also persisted). Runs of the
 * extension's pages and worker queue behind one Web Lock (where there is one): seeding, hashing
 * and applying are idempotent anyway, but one at a time does each once.
 */
export function runSync(db: ReadmarkDb, options: RunOptions = {}): Promise<SyncStatus> {
  const trigger = options.trigger ?? (options.automatic ? 'alarm' : 'reader');
  const calledAt = Date.now();
  const run = () => withRunLock(() => runSyncNow(db, options, new RunTimer(trigger, calledAt, Date.now())));
  // A background run keeps its worker alive throughout, from its wait for the lock on.
  return options.automatic ? keptAlive(run) : run();
}

/** Runs `work` alone among runs, passphrase changes and turning sync off, across the extension. */
export function withRunLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? (locks.request(SYNC_RUN_LOCK, work) as unknown as Promise<T>) : work();
}

async function runSyncNow(db: ReadmarkDb, options: RunOptions, timer: RunTimer): Promise<SyncStatus> {
  const config = await loadSyncConfig(db);
  if (!config) return { ...(await loadSyncStatus(db)), lastError: appError('sync-not-set-up') };
  const before = await loadSyncStatus(db);
  if (options.automatic && before.stopped) return before;
  const pattern = syncHostPattern(config.url);
  if (!pattern) return saveStatus(db, { lastError: appError('sync-bad-url'), lastRunAt: Date.now() });
  // Checked before every run, never requested here: only the reader's click may ask.
  if (!(await browser.permissions.contains({ origins: [pattern] }))) {
    return saveStatus(db, {
      lastError: appError('sync-no-permission', { origin: new URL(config.url).host }),
      lastRunAt: Date.now(),
    });
  }
  try {
    const store = new DexieSyncStore(db, config.deviceName);
    const { book } = await store.loadLight();
    timer.phase('seed');
    await seedOutbox(db);
    timer.phase('settle-bodies');
    await settleBodies(db);
    timer.phase('settle-pictures');
    await markPicturedOnce(db);
    await settlePictures(db);
    const target = new WebDavTarget({ url: config.url, user: config.user, password: config.password });
    const legacy = await legacyPassphrase(db);
    const passphrase = config.encrypted ? (options.passphrase ?? legacy ?? null) : null;
    // Bodies, then pictures (20 per engine run), for about a minute; a background run goes on
    // while they land, up to a cap (sync-run-window.ts). The rest follows FOLLOW_UP_MINUTES later.
    const bounds = runWindow(Date.now(), options.automatic === true);
    const rejected: Rejected[] = [];
    const kept: Kept = { articles: 0, highlights: 0 };
    let merged = false;
    let bodiesFetched = 0;
    let result: SyncResult;
    // Merged records to the library: by the engine once it merged them, before it fetches bodies
    // (bodies then go straight to their articles), and after each engine run for what is left.
    const apply = async () => {
      const applied = await applyMerged(db, store);
      rejected.push(...applied.rejected);
      if (applied.kept) {
        merged = true;
        kept.articles += applied.kept.articles;
        kept.highlights += applied.kept.highlights;
      }
    };
    for (;;) {
      timer.phase('engine-lock');
      result = await syncOnce({
        target,
        store,
        bodies: libraryBodies(db, rejected),
        bodiesUntil: bounds.until,
        bodiesGoOnUntil: bounds.goOnUntil,
        afterBodyBatch: bounds.afterBatch,
        beforeBodies: apply,
        pictures: libraryPictures(db),
        passphrase,
        // Never a folder without encryption because the passphrase was not at hand this run.
        createIfEmpty: !book.targetId && (!config.encrypted || passphrase !== null),
        ...(options.approve ? { approve: options.approve } : {}),
        settleMs: options.settleMs,
        // Only for this run: the keys of a folder it creates (kept keys serve later runs).
        keyCache: new Map(),
        onPhase: timer.phase,
      });
      timer.phase('apply-after');
      await apply();
      if (result.status !== 'done') break;
      bodiesFetched += result.bodiesFetched;
      // Every body tried: another engine run fetches the next pictures, while time is left (the
      // last ones landed, so a background run may go on to its cap).
      const more = result.bodiesUntried === 0 && result.picturesFetched > 0 && result.picturesPending > 0;
      if (!more || Date.now() >= bounds.goOnUntil) break;
      if (!(await bounds.afterBatch()) && Date.now() >= bounds.until) break;
    }
    timer.phase('status');
    if (result.status === 'done' && hasMoreToFetch(result)) {
      await followUpSoon();
      // A page's run (the reader's click) hands the rest to the background now: the alarm's
      // half-minute floor cost a 10,000-article first sync 30 s. The alarm stays the fallback.
      if (!options.automatic) void sendToBackground('syncContinue', {});
    }
    // An older set-up's passphrase in the clear goes once the folder's keys are kept instead.
    if (legacy !== undefined && (await store.loadLight()).book.keys) await forgetLegacyPassphrase(db);
    const error = resultError(result) ?? rejectedError(rejected);
    const status = await saveStatus(db, {
      lastRunAt: Date.now(),
      lastError: error,
      // A run that merged nothing leaves the last merge's notice in place.
      ...(merged ? { kept: kept.articles + kept.highlights > 0 ? kept : null } : {}),
      ...(result.status === 'done'
        ? {
            lastSuccessAt: Date.now(),
            approval: null,
            stopped: false,
            devices: result.devices.sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id)),
          }
        : {}),
      // A question the reader answers (a mass change, a clock far ahead): "Continue" approves it.
      ...(result.status === 'paused' && result.approval ? { approval: result.approval } : {}),
    });
    await logRun(db, timer.finish(result.status, bodiesFetched));
    return status;
  } catch (thrown) {
    const status = await saveStatus(db, {
      lastRunAt: Date.now(),
      lastError: appError('unexpected', { detail: describeThrown(thrown) }),
    });
    await logRun(db, timer.finish('error', 0));
    return status;
  }
}

/**
 * Whether a run that went through left bodies or pictures that the next run can fetch: untried
 * (the time bound), or fetched this run with more pending. Those missing only because their
 * device has not uploaded them yet wait for the periodic alarm instead of a run every half minute.
 */
export function hasMoreToFetch(result: SyncResult & { status: 'done' }): boolean {
  return (
    result.bodiesUntried > 0 ||
    (result.bodiesFetched > 0 && result.bodiesPending > 0) ||
    (result.picturesFetched > 0 && result.picturesPending > 0)
  );
}

/** The next run, soon, by itself (FOLLOW_UP_MINUTES). */
async function followUpSoon(): Promise<void> {
  await browser.alarms
    ?.create(SYNC_ALARM_SOON, { delayInMinutes: FOLLOW_UP_MINUTES })
    ?.catch?.(() => undefined);
}

/** The reader's "Stop" to a mass-change question: nothing is applied; alarms wait for "Sync now". */
export async function stopSync(db: ReadmarkDb): Promise<SyncStatus> {
  return saveStatus(db, { approval: null, stopped: true });
}

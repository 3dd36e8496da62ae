/**
 * The sync service: set-up, one run (check host access, hash new bodies, run the engine, write
 * what it merged into the library), the persisted status, and when runs happen: an alarm every
 * few minutes, half a minute after a local change, at browser start, and "Sync now".
 *
 * Runs never overlap: the engine queues them per store and, across the extension's pages and
 * worker, through the Web Locks API; applying merged records is idempotent (sync-apply.ts).
 * The configuration (password, passphrase) lives in syncMeta: device-local, never in backups,
 * never synced.
 */
import { browser } from 'wxt/browser';
import { type AppError, appError, describeThrown } from '@/utils/model';
import { type ReadmarkDb, setChangeCapture } from '@/utils/storage';
import { type FileKeys, type SyncResult, syncOnce, WebDavTarget } from '@/utils/sync';
import { applyMerged, type Kept, libraryBodies, type Rejected, settleBodies } from './sync-apply';
import { captureChange, dexieStores, META } from './sync-records';
import { DexieSyncStore } from './sync-store';

export interface SyncConfig {
  url: string;
  user: string;
  password: string;
  /** null: the reader chose to sync without encryption. */
  passphrase: string | null;
  deviceName: string;
}

export interface SyncStatus {
  lastSuccessAt: number | null;
  lastRunAt: number | null;
  /** Local changes not yet sent (operations and bodies). */
  pending: number;
  lastError: AppError | null;
  /** A mass change waiting for the reader's yes (pass back to runSync as `approve`). */
  approval: string | null;
  /** The reader said stop to a mass change: automatic runs wait for "Sync now". */
  stopped: boolean;
  /** The names of the other devices sharing the folder, as of the last successful sync. */
  devices: string[];
  /**
   * Records the last merge kept over a concurrent delete (a delete made on one device while
   * another edited the record): the reader is told. Null when that merge kept none.
   */
  kept: Kept | null;
}

const CONFIG = 'config';
const STATUS = 'status';
/** How far seeding the outbox with the library got (the last article id done; '' = not started). */
const SEEDED = 'seeded';
const SEED_DONE = '\uffff';
const ALARM = 'readmark-sync';
const ALARM_SOON = 'readmark-sync-soon';
/** A run keeps fetching bodies (50 per engine run) for at most this long; the alarm does the rest. */
const BODY_BUDGET_MS = 60_000;

const NO_STATUS: SyncStatus = {
  lastSuccessAt: null,
  lastRunAt: null,
  pending: 0,
  lastError: null,
  approval: null,
  stopped: false,
  devices: [],
  kept: null,
};

export async function loadSyncConfig(db: ReadmarkDb): Promise<SyncConfig | null> {
  return ((await db.syncMeta.get(CONFIG))?.value as SyncConfig | undefined) ?? null;
}

export async function saveSyncConfig(db: ReadmarkDb, config: SyncConfig): Promise<void> {
  await db.syncMeta.put({ key: CONFIG, value: config });
}

export async function loadSyncStatus(db: ReadmarkDb): Promise<SyncStatus> {
  const stored = (await db.syncMeta.get(STATUS))?.value as Partial<SyncStatus> | undefined;
  return { ...NO_STATUS, ...stored, pending: await pendingCount(db) };
}

async function pendingCount(db: ReadmarkDb): Promise<number> {
  const [ops, bodies] = await Promise.all([
    db.syncOutbox.count(),
    db.syncMeta.where('key').startsWith(META.bodyPrefix).count(),
  ]);
  return ops + bodies;
}

async function saveStatus(db: ReadmarkDb, change: Partial<SyncStatus>): Promise<SyncStatus> {
  const next = { ...(await loadSyncStatus(db)), ...change };
  await db.syncMeta.put({ key: STATUS, value: next });
  return { ...next, pending: await pendingCount(db) };
}

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
 * Change capture on this page's or worker's database: every library write is recorded for sync
 * (once sync is set up) and a run is scheduled shortly after. Every context that writes the
 * library calls this once (the entrypoints); answers the database.
 */
export function installSyncCapture(db: ReadmarkDb): ReadmarkDb {
  setChangeCapture(db, async (write, stores) => {
    await captureChange(write, stores);
    // Not awaited: the transaction may not wait on a browser call.
    browser.alarms?.create(ALARM_SOON, { delayInMinutes: 0.5 })?.catch?.(() => undefined);
  });
  return db;
}

/** Background: the periodic alarm, the alarm after local changes, and a run at browser start. */
export function setUpSync(db: ReadmarkDb): void {
  installSyncCapture(db);
  // Created once: re-creating it at every worker start would push it back each time.
  void browser.alarms.get(ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(ALARM, { periodInMinutes: 5 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM || alarm.name === ALARM_SOON) void runSync(db, { automatic: true });
  });
  browser.runtime.onStartup.addListener(() => void runSync(db, { automatic: true }));
}

/** Records the whole library in the outbox the first time (resumable, 200 articles a transaction). */
async function seedOutbox(db: ReadmarkDb): Promise<void> {
  let after = ((await db.syncMeta.get(SEEDED))?.value as string | undefined) ?? '';
  while (after !== SEED_DONE) {
    after = await db.transaction(
      'rw',
      [db.articles, db.highlights, db.contents, db.syncMeta, db.syncEntities, db.syncOutbox],
      async () => {
        const page = await db.articles.where(':id').above(after).limit(200).toArray();
        const stores = dexieStores(db);
        if (page.length > 0) {
          const ids = page.map((a) => a.id);
          await captureChange({ table: 'articles', type: 'put', values: page }, stores);
          const highlights = await db.highlights.where('articleId').anyOf(ids).toArray();
          if (highlights.length)
            await captureChange({ table: 'highlights', type: 'put', values: highlights }, stores);
          const bodies = await db.contents.where(':id').anyOf(ids).primaryKeys();
          await stores.put(
            'syncMeta',
            bodies.map((id) => ({ key: META.bodyPrefix + id, value: 1 })),
          );
        }
        const next = page.length < 200 ? SEED_DONE : page.at(-1)!.id;
        await db.syncMeta.put({ key: SEEDED, value: next });
        return next;
      },
    );
  }
}

/** A run's outcome as the reader's error (null: it went through). */
function resultError(result: SyncResult): AppError | null {
  if (result.status === 'done') return null;
  if (result.status === 'paused') {
    switch (result.reason) {
      case 'no-folder':
        return appError('sync-no-folder');
      case 'folder-not-empty':
        return appError('sync-folder-not-empty');
      case 'mass-change':
        return appError('sync-mass-change', result.change ?? { deletions: 0, additions: 0, before: 0 });
      default:
        return appError('sync-folder-changed', { reason: result.reason });
    }
  }
  switch (result.reason) {
    case 'passphrase-needed':
      return appError('sync-passphrase-needed');
    case 'wrong-passphrase':
      return appError('sync-wrong-passphrase');
    case 'not-encrypted':
      return appError('sync-not-encrypted');
    case 'newer-format':
      return appError('sync-newer-format');
    case 'corrupt-file':
    case 'missing-file':
    case 'bad-format':
      return appError('sync-damaged', { detail: result.message });
    case 'remote':
      if (result.remoteKind === 'auth') return appError('sync-sign-in-failed');
      if (result.remoteKind === 'network' || result.remoteKind === 'timeout')
        return appError('sync-unreachable', { detail: result.message });
      return appError('sync-server-failed', { detail: result.message });
    default:
      return appError('unexpected', { detail: result.message });
  }
}

function rejectedError(rejected: Rejected[]): AppError | null {
  const first = rejected[0];
  if (!first) return null;
  return appError('sync-records-rejected', {
    count: rejected.length,
    detail: `${first.kind} ${first.id}: ${first.reason}`,
  });
}

const keyCache = new Map<string, FileKeys>();

export interface RunOptions {
  /** The approval of a mass change the reader said "Continue" to. */
  approve?: string;
  /** An alarm's run: skipped while the reader has stopped sync after a mass-change question. */
  automatic?: boolean;
}

/**
 * One sync run, start to finish; answers the status it leaves (also persisted). Runs of the
 * extension's pages and worker queue behind one Web Lock (where there is one): seeding, hashing
 * and applying are idempotent anyway, but one at a time does each once.
 */
export function runSync(db: ReadmarkDb, options: RunOptions = {}): Promise<SyncStatus> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks
    ? (locks.request('readmark-sync-run', () => runSyncNow(db, options)) as unknown as Promise<SyncStatus>)
    : runSyncNow(db, options);
}

async function runSyncNow(db: ReadmarkDb, options: RunOptions): Promise<SyncStatus> {
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
    await seedOutbox(db);
    await settleBodies(db);
    const target = new WebDavTarget({ url: config.url, user: config.user, password: config.password });
    const started = Date.now();
    let rejected: Rejected[] = [];
    const kept: Kept = { articles: 0, highlights: 0 };
    let merged = false;
    let result: SyncResult;
    for (;;) {
      result = await syncOnce({
        target,
        store,
        bodies: libraryBodies(db),
        passphrase: config.passphrase,
        createIfEmpty: !book.targetId,
        ...(options.approve ? { approve: options.approve } : {}),
        keyCache,
      });
      const applied = await applyMerged(db, store);
      rejected = [...rejected, ...applied.rejected];
      if (applied.kept) {
        merged = true;
        kept.articles += applied.kept.articles;
        kept.highlights += applied.kept.highlights;
      }
      if (result.status !== 'done' || result.bodiesPending === 0 || result.bodiesFetched === 0) break;
      if (Date.now() - started > BODY_BUDGET_MS) break;
    }
    const error = resultError(result) ?? rejectedError(rejected);
    return saveStatus(db, {
      lastRunAt: Date.now(),
      lastError: error,
      // A run that merged nothing leaves the last merge's notice in place.
      ...(merged ? { kept: kept.articles + kept.highlights > 0 ? kept : null } : {}),
      ...(result.status === 'done'
        ? {
            lastSuccessAt: Date.now(),
            approval: null,
            stopped: false,
            devices: result.devices.map((device) => device.name || device.id).sort(),
          }
        : {}),
      ...(result.status === 'paused' && result.reason === 'mass-change'
        ? { approval: result.approval ?? null }
        : {}),
    });
  } catch (thrown) {
    return saveStatus(db, {
      lastRunAt: Date.now(),
      lastError: appError('unexpected', { detail: describeThrown(thrown) }),
    });
  }
}

/** The reader's "Stop" to a mass-change question: nothing is applied; alarms wait for "Sync now". */
export async function stopSync(db: ReadmarkDb): Promise<SyncStatus> {
  return saveStatus(db, { approval: null, stopped: true });
}

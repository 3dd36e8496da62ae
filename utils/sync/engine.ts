/**
 * One sync run: small steps, each safe to repeat, each committed before the next.
 *
 * 1. Identify the folder (readmark.json). Missing, moved, or another library's: stop and ask; a
 *    folder is only ever created on the reader's explicit choice, and only when it is empty.
 * 2. Open the keys. A wrong passphrase stops the run here, before anything is written anywhere.
 * 3. Receive: every other device's new packs, checked (seal, number, author) before any is used.
 *    The whole change is measured against the library first (fail-safe), then merged in one commit.
 * 4. Send: bodies first, then our next pack, then our device file naming it as head. A pack
 *    nothing references is invisible, so a run killed at any point is repeated, not half-seen.
 * 5. Fetch the missing bodies (the library is usable before they arrive) until a time bound, in
 *    batches stored one transaction each, then, once every missing body has been tried, a bounded
 *    number of missing pictures (pictures.ts).
 *
 * Single writer per file: no step needs If-Match or a lock, so servers that ignore conditional
 * requests are as safe as those that honour them. Server times are never read.
 */
import { type AppError, appError, sha256Hex } from '@/utils/model';
import { bytesJson, jsonBytes } from './bytes';
import {
  CorruptFileError,
  contentName,
  createKeys,
  type FileKeys,
  newNameSecret,
  openKeys,
  plainKeys,
  seal,
  unseal,
  WrongPassphraseError,
} from './crypto';
import { couldNeedApproval, libraryChange, needsApproval } from './failsafe';
import { type SyncDevice, shownDevices, stillForgotten } from './forget';
import { parseHlc } from './hlc';
import { type Library, materialise } from './library';
import {
  fetchPictures,
  IMAGES_FIELD,
  type PictureFetch,
  type PictureStore,
  sendPictures,
  sendUnsentPictures,
} from './pictures';
import { PURGE_CHECK_MS, purgeable } from './purge';
import {
  blobPath,
  DEVICES_FOLDER,
  type DeviceFile,
  devicePath,
  FORMAT,
  FORMAT_VERSION,
  FormatError,
  isId,
  newId,
  type PackFile,
  packPath,
  parseDeviceFile,
  parsePackFile,
  parseTargetFile,
  readTargetFile,
  TARGET_FILE,
  type TargetFile,
} from './remote-format';
import { RemoteError, type RemoteTarget } from './remote-target';
import { type SavedKeys, savedKeysFit, wrapTag } from './saved-keys';
import { applyOp, cloneState, type Op, type SeenVector } from './state';
import type { BodyStore, ReceivedBody, SyncBook, SyncStore } from './store';
import { inParallel } from './transfer';

export interface SyncOptions {
  target: RemoteTarget;
  store: SyncStore;
  /** Article bodies; without it, bodies are neither sent nor fetched. */
  bodies?: BodyStore;
  /** Stored pictures; without it, pictures are neither sent nor fetched. */
  pictures?: PictureStore;
  /** null: no encryption (only for a folder without it). */
  passphrase: string | null;
  /** The reader chose this folder for a new sync: create it if it is empty. */
  createIfEmpty?: boolean;
  /** The `approval` of an earlier mass-change pause the reader said yes to. */
  approve?: string;
  now?: () => number;
  /** Pack size cap in bytes before sealing (default 1 MB: each request stays far under 30 s). */
  packBytes?: number;
  /** At most this many bodies fetched per run (default: no cap; `bodiesUntil` bounds the run). */
  bodiesPerRun?: number;
  /**
   * No new batch of bodies is started after this time (`now()`'s clock; default: BODY_LOOP_MS after
   * the run started); the rest follow in later runs.
   */
  bodiesUntil?: number;
  /**
   * Past `bodiesUntil`, batches go on while each one lands bodies, until this time (default:
   * `bodiesUntil`, no going on). The extension's background runs use it (sync-run-window.ts).
   */
  bodiesGoOnUntil?: number;
  /**
   * Called once per batch of bodies fetched (the extension keeps its worker alive here); an
   * answer of false ends the going on past `bodiesUntil` (another run is waiting).
   */
  afterBodyBatch?: () => Promise<unknown>;
  /**
   * Called once a run has merged what it received and before it fetches bodies: the extension
   * writes the merged records to the library here, so bodies go straight to their articles.
   */
  beforeBodies?: () => Promise<void>;
  /** Pictures fetched per run (default 20, at most 5 MiB each; the rest follow in later runs). */
  picturesPerRun?: number;
  /** Pause between creating readmark.json and re-reading it (default 2 s). */
  settleMs?: number;
  /** Keys already opened this session (PBKDF2 at 600,000 iterations takes a while). */
  keyCache?: Map<string, FileKeys>;
  /**
   * PBKDF2 iterations for a folder this run creates. Leave unset in the extension (production:
   * MIN_PBKDF2_ITERATIONS, 600,000); tests lower it so each new folder does not cost half a second.
   */
  kdfIterations?: number;
  /** Called as each phase of the run begins (the extension's run log times them: sync-run-log.ts). */
  onPhase?: (phase: SyncPhase) => void;
}

/** The phases of a run, in order (a run with nothing to receive or send passes through them quickly). */
export type SyncPhase =
  | 'identify' // readmark.json, the keys
  | 'list' // the devices folder's listing
  | 'receive' // changed device files and their new packs: fetched, opened, checked
  | 'merge' // the clock and mass-change checks, the merge committed
  | 'send' // our bodies, pictures, packs and device file
  | 'scan' // the merged library read for the bodies and pictures it shows
  | 'apply' // the merged records written to the library (beforeBodies)
  | 'missing' // which bodies are not stored here (one bulk read)
  | 'bodies' // missing bodies fetched and stored, batch by batch
  | 'pictures' // missing pictures
  | 'record'; // purge check, the run's success committed

export type PauseReason =
  | 'no-folder' // no readmark.json and the reader has not chosen to create one here
  | 'folder-not-empty' // files here, but not a Readmark folder
  | 'folder-missing' // the folder this library synced with is empty or gone (moved?)
  | 'foreign-folder' // another library's folder
  | 'encryption-removed' // the folder was encrypted and is not any more
  | 'listing-inconsistent' // the listing lacks files that must be there
  | 'rolled-back' // a device file went backwards (restored from an old copy?)
  | 'clock-ahead' // another device's clock runs absurdly far ahead (CLOCK_AHEAD_LIMIT_MS)
  | 'mass-change'; // the fail-safe

export type FailReason =
  | 'passphrase-needed'
  | 'passphrase-changed' // the folder's passphrase changed since this device kept its keys
  | 'wrong-passphrase'
  | 'not-encrypted'
  | 'newer-format'
  | 'corrupt-file'
  | 'missing-file'
  | 'remote'
  | 'bad-format'
  | 'internal';

export type SyncResult =
  | ({
      status: 'done';
      received: number;
      sent: number;
      bodiesFetched: number;
      bodiesPending: number;
      /** Missing bodies this run did not try (its time bound or `bodiesPerRun`): a run soon should. */
      bodiesUntried: number;
      /** Pictures sent with this run's packs (each picture once per folder). */
      picturesSent: number;
    } & PictureFetch & {
        /** The other devices sharing the folder (not those the reader forgot: forget.ts). */
        devices: SyncDevice[];
      })
  | {
      status: 'paused';
      reason: PauseReason;
      /** What the reader is told (the interface words it); `message` is English for logs. */
      error: AppError;
      message: string;
      change?: { before: number; deletions: number; additions: number };
      /** Pass back as `approve` to go ahead with exactly this change. */
      approval?: string;
    }
  | {
      status: 'failed';
      reason: FailReason;
      /** What the reader is told (the interface words it); `message` is English for logs. */
      error: AppError;
      message: string;
      remoteKind?: RemoteError['kind'];
    };

class Stop extends Error {
  constructor(readonly result: SyncResult & { status: 'paused' | 'failed' }) {
    super(result.message);
  }
}

const pause = (reason: PauseReason, error: AppError, message: string, extra: Partial<SyncResult> = {}) =>
  new Stop({ status: 'paused', reason, error, message, ...extra } as SyncResult & { status: 'paused' });
const failure = (reason: FailReason, error: AppError, message: string) =>
  new Stop({ status: 'failed', reason, error, message });

/**
 * How far ahead of this device's clock another device's stamps may run before the reader is asked.
 * Closer, they are followed silently (a clock an hour or a day off is common and harmless: the
 * order stays right). Further, following them would stamp every later change here that far ahead
 * too, for good: the run pauses, applies nothing, and "Continue" follows them (remembered).
 */
export const CLOCK_AHEAD_LIMIT_MS = 30 * 86_400_000;

/** Every device file is read at least this often, whatever its ETag says (local clock). */
export const DEVICE_RECHECK_MS = 15 * 60_000;

/** The run under way for each store in this context (runs of one library never overlap). */
const running = new WeakMap<SyncStore, Promise<unknown>>();

/**
 * One sync run. Runs of the same library never overlap: an alarm firing during "Sync now" waits
 * for it (in this context by store; across the extension's pages and worker through the Web Locks
 * API where there is one), so two runs never claim the same pack number.
 */
export function syncOnce(options: SyncOptions): Promise<SyncResult> {
  return withSyncLock(options.store, () => guardedRun(options));
}

/** Runs `work` alone among the runs and passphrase changes of this library (see syncOnce). */
export function withSyncLock<T>(store: SyncStore, work: () => Promise<T>): Promise<T> {
  const previous = running.get(store) ?? Promise.resolve();
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  const next = previous.then(
    (): Promise<T> => (locks ? (locks.request('readmark-sync', work) as unknown as Promise<T>) : work()),
  );
  running.set(
    store,
    next.catch(() => undefined),
  );
  return next;
}

async function guardedRun(options: SyncOptions): Promise<SyncResult> {
  try {
    return await run(options);
  } catch (thrown) {
    if (thrown instanceof Stop) return thrown.result;
    const message = (thrown as Error).message;
    if (thrown instanceof RemoteError) {
      return { status: 'failed', reason: 'remote', error: thrown.error, message, remoteKind: thrown.kind };
    }
    if (thrown instanceof CorruptFileError)
      return { status: 'failed', reason: 'corrupt-file', error: thrown.error, message };
    if (thrown instanceof WrongPassphraseError)
      return { status: 'failed', reason: 'wrong-passphrase', error: thrown.error, message };
    if (thrown instanceof FormatError)
      return { status: 'failed', reason: 'bad-format', error: thrown.error, message };
    // Anything else is a bug or a browser refusing something: shown as it is, never only logged.
    return {
      status: 'failed',
      reason: 'internal',
      error: appError('unexpected', { detail: message }),
      message,
    };
  }
}

async function run(options: SyncOptions): Promise<SyncResult> {
  const { target, store } = options;
  const now = options.now ?? Date.now;
  const phase = options.onPhase ?? (() => undefined);
  phase('identify');
  const light = await store.loadLight();
  const book = light.book;

  const keys = await identify(options, book);
  let { clock, known } = light;

  // Receive.
  phase('list');
  const listing = await target.list(DEVICES_FOLDER);
  const deviceFiles = (listing ?? []).filter((e) => !e.isFolder && e.name.endsWith('.json'));
  const listed = new Set(deviceFiles.map((e) => e.name.slice(0, -5)));
  const tags = new Map(deviceFiles.map((e) => [e.name.slice(0, -5), e.etag]));
  // Device files whose tag is unchanged since they were last read and applied are skipped, except
  // on a full check (at least every DEVICE_RECHECK_MS): a server reusing a tag delays, never loses.
  const readAt = book.devicesReadAt ?? 0;
  const startedAt = now();
  const fullCheck = startedAt - readAt >= DEVICE_RECHECK_MS || readAt > startedAt;
  const readTags: Record<string, string> = fullCheck ? {} : { ...book.deviceTags };
  const readKnown: Record<string, SeenVector> = fullCheck ? {} : { ...book.deviceKnown };
  const mustBeListed = [
    ...(book.head > 0 ? [book.deviceId] : []),
    ...Object.entries(book.cursors)
      .filter(([, seq]) => seq > 0)
      .map(([id]) => id),
  ];
  const absent = mustBeListed.filter((id) => !listed.has(id));
  if (absent.length > 0) {
    throw pause(
      'listing-inconsistent',
      appError('sync-listing-inconsistent', { count: absent.length }),
      `The sync folder does not list ${absent.length} device file(s) it had before; nothing was changed`,
    );
  }

  phase('receive');
  const incoming: { deviceId: string; from: number; packs: PackFile[] }[] = [];
  // Our own device file matters only to settle a pack left in flight by a killed run.
  let ownRemoteHead = book.head;
  // Names of the devices listed now: a file skipped for its unchanged tag keeps the name last read.
  const deviceNames: Record<string, string> = {};
  // Their clock stamps, likewise (when each last synced; whether a forgotten one came back).
  const deviceSeen: Record<string, string> = {};
  for (const deviceId of [...listed].sort()) {
    if (!isId(deviceId)) continue;
    if (deviceId === book.deviceId && !book.inflight) continue;
    const tag = tags.get(deviceId);
    if (deviceId !== book.deviceId && tag && !fullCheck && book.deviceTags?.[deviceId] === tag) {
      deviceNames[deviceId] = book.deviceNames?.[deviceId] ?? '';
      const stamp = book.deviceSeen?.[deviceId];
      if (stamp !== undefined) deviceSeen[deviceId] = stamp;
      continue;
    }
    const device = await readDevice(target, keys, deviceId);
    if (deviceId === book.deviceId) {
      ownRemoteHead = device.head;
      continue;
    }
    deviceNames[deviceId] = device.name;
    deviceSeen[deviceId] = device.hlc;
    const cursor = book.cursors[deviceId] ?? 0;
    if (device.head < cursor) {
      throw pause(
        'rolled-back',
        appError('sync-rolled-back', { device: device.name || deviceId }),
        `Device ${device.name || deviceId} went back in time on the server; nothing was changed`,
      );
    }
    if (tag) readTags[deviceId] = tag;
    else delete readTags[deviceId];
    if (device.known && typeof device.known === 'object') readKnown[deviceId] = device.known;
    else delete readKnown[deviceId];
    const packs: PackFile[] = [];
    for (let seq = cursor + 1; seq <= device.head; seq++) {
      const path = packPath(deviceId, seq);
      const bytes = await target.get(path);
      if (!bytes) {
        throw failure(
          'missing-file',
          appError('sync-file-missing', { path }),
          `The sync file ${path} is missing; nothing from it was applied`,
        );
      }
      packs.push(parsePackFile(bytesJson(await unseal(keys, path, bytes)), deviceId, seq));
    }
    if (packs.length > 0) incoming.push({ deviceId, from: cursor + 1, packs });
  }
  if (ownRemoteHead < book.head) {
    throw pause(
      'rolled-back',
      appError('sync-rolled-back', { device: '' }),
      'This device’s own file on the server went back in time; nothing was changed',
    );
  }

  const ops = incoming.flatMap((device) => device.packs.flatMap((pack) => pack.ops));
  phase('merge');
  if (ops.length > 0) {
    await checkClock(options, book, incoming, deviceNames, now());
    if (couldNeedApproval(ops)) await checkMassChange(options, incoming, ops, now);
    const cursors = { ...book.cursors };
    for (const device of incoming) cursors[device.deviceId] = device.from + device.packs.length - 1;
    // The body count is unknown until this run's scan has counted again: a run killed before then
    // must leave the next one scanning (records it applied may name bodies not fetched yet).
    await store.commit({
      apply: ops,
      now: now(),
      book: { cursors, bodiesPending: undefined, picturesPending: undefined },
    });
    book.cursors = cursors;
  }

  phase('send');
  // Send. A pack recorded in flight and already referenced remotely was committed by a killed run.
  if (book.inflight && ownRemoteHead >= book.inflight.seq) {
    await store.commit({
      book: { head: book.inflight.seq, inflight: null },
      uploaded: book.inflight.ops.map((o) => o.hlc),
    });
    book.head = book.inflight.seq;
    book.inflight = null;
  }
  let sent = 0;
  let picturesSent = 0;
  let outbox = (await store.loadLight()).outbox;
  const packBytes = options.packBytes ?? 1_000_000;
  let deviceWritten = false;
  while (book.inflight || outbox.length > 0) {
    if (!book.inflight) {
      const batch = takeBatch(outbox, packBytes);
      book.inflight = { seq: book.head + 1, ops: batch };
      await store.commit({ book: { inflight: book.inflight } });
    }
    const { seq, ops: packOps } = book.inflight;
    await sendBodies(options, keys, packOps);
    if (options.pictures) {
      picturesSent += await sendPictures(target, keys, options.pictures, packOps);
    }
    const path = packPath(book.deviceId, seq);
    await target.put(path, await seal(keys, path, jsonBytes({ deviceId: book.deviceId, seq, ops: packOps })));
    await writeDevice(target, keys, book, seq, clock, known);
    deviceWritten = true;
    await store.commit({ book: { head: seq, inflight: null }, uploaded: packOps.map((o) => o.hlc) });
    book.head = seq;
    book.inflight = null;
    sent += packOps.length;
    ({ outbox, clock, known } = await store.loadLight());
  }
  if (options.pictures) picturesSent += await sendUnsentPictures(target, keys, options.pictures);
  const cursorsChanged = incoming.length > 0;
  if (!deviceWritten && (cursorsChanged || !listed.has(book.deviceId))) {
    // What this run applied is in the vector the file now tells (others' purges wait for it).
    ({ clock, known } = await store.loadLight());
    await writeDevice(target, keys, book, book.head, clock, known);
  }

  // Bodies, then pictures: only when records arrived or some were still missing after the last run.
  const scan =
    (ops.length > 0 && (options.bodies || options.pictures)) ||
    (options.bodies && book.bodiesPending !== 0) ||
    (options.pictures && book.picturesPending !== 0);
  // What the body and picture phases need of the library, taken out of it: the whole library is
  // not held while the records are written (beforeBodies) and the bodies fetched.
  if (scan) phase('scan');
  const wanted = scan ? wantedFromLibrary(materialise((await store.load()).state)) : null;
  if (wanted) {
    phase('apply');
    await options.beforeBodies?.();
  }
  const bodies = wanted
    ? await fetchBodies(options, keys, wanted.bodies, options.bodiesUntil ?? startedAt + BODY_LOOP_MS)
    : { bodiesFetched: 0, bodiesPending: 0, bodiesUntried: 0 };
  // Pictures wait until every missing body has been tried: the text is what the reader came for.
  // Not scanned: unknown, so the next run scans (0 only when pictures are not synced here).
  let pictures: PictureFetch = {
    picturesFetched: 0,
    picturesPending: wanted && options.pictures ? 1 : 0,
    picturesRefused: 0,
  };
  if (wanted && options.pictures && bodies.bodiesUntried === 0) {
    phase('pictures');
    pictures = await fetchPictures(
      target,
      keys,
      options.pictures,
      wanted.pictures,
      options.picturesPerRun ?? 20,
    );
  }
  phase('record');
  // The tags are recorded only now: a run that failed after reading a device file reads it again.
  const forgotten = stillForgotten(book.forgotten ?? {}, deviceSeen, listed);
  const seen: Partial<SyncBook> = {
    deviceTags: readTags,
    deviceNames,
    deviceKnown: readKnown,
    deviceSeen,
    forgotten,
  };
  if (fullCheck) seen.devicesReadAt = startedAt;
  const checkedAt = book.purgeCheckedAt ?? 0;
  if (startedAt - checkedAt >= PURGE_CHECK_MS || checkedAt > startedAt) {
    // A device the reader forgot is not waited for (forget.ts).
    const others = [...listed].filter(
      (id) => isId(id) && id !== book.deviceId && forgotten[id] === undefined,
    );
    await purgeTombstones(
      store,
      others.map((id) => readKnown[id] ?? null),
      now(),
    );
    seen.purgeCheckedAt = startedAt;
  }
  const counts: Partial<SyncBook> = wanted
    ? { bodiesPending: bodies.bodiesPending, picturesPending: pictures.picturesPending }
    : {};
  await store.commit({ book: { lastSuccessAt: now(), ...counts, ...seen } });
  const devices = shownDevices(deviceNames, deviceSeen, forgotten);
  return { status: 'done', received: ops.length, sent, ...bodies, picturesSent, ...pictures, devices };
}

/**
 * Stamps from a clock absurdly far ahead (CLOCK_AHEAD_LIMIT_MS) pause the run before anything is
 * applied, unless the reader said "Continue" to exactly this pause (`approve`). That yes is kept in
 * the book at once, as how far ahead (plus the usual month) stamps may run from now on: the same
 * device's later stamps, as far ahead, do not ask again, nor does a later pause undo it.
 */
async function checkClock(
  options: SyncOptions,
  book: SyncBook,
  incoming: { deviceId: string; packs: PackFile[] }[],
  deviceNames: Record<string, string>,
  now: number,
): Promise<void> {
  for (const { deviceId, packs } of incoming) {
    let wall = 0;
    for (const pack of packs) for (const op of pack.ops) wall = Math.max(wall, parseHlc(op.hlc).wall);
    if (wall - now <= Math.max(book.clockAheadAllowedMs ?? 0, CLOCK_AHEAD_LIMIT_MS)) continue;
    const approval = `clock:${deviceId}:${wall}`;
    if (options.approve === approval) {
      const allowed = wall - now + CLOCK_AHEAD_LIMIT_MS;
      await options.store.commit({ book: { clockAheadAllowedMs: allowed } });
      book.clockAheadAllowedMs = allowed;
      continue;
    }
    const device = deviceNames[deviceId] || deviceId;
    const days = Math.floor((wall - now) / 86_400_000);
    throw pause(
      'clock-ahead',
      appError('sync-clock-ahead', { device, days }),
      `The clock of ${device} runs ${days} days ahead of this one; nothing was applied`,
      { approval },
    );
  }
}

/** The fail-safe: measure the whole change against the library; pause unless the reader approved it. */
async function checkMassChange(
  options: SyncOptions,
  incoming: { deviceId: string; from: number; packs: PackFile[] }[],
  ops: Op[],
  now: () => number,
) {
  const { state } = await options.store.load();
  const before = materialise(state);
  const next = cloneState(state);
  for (const op of ops) applyOp(next, op, now());
  const change = libraryChange(before, materialise(next));
  const approval = incoming.map((d) => `${d.deviceId}:${d.from}-${d.from + d.packs.length - 1}`).join(',');
  if (needsApproval(change) && options.approve !== approval) {
    throw pause(
      'mass-change',
      appError('sync-mass-change', change),
      `This sync would delete ${change.deletions} and add ${change.additions} of ${change.before} articles`,
      { change, approval },
    );
  }
}

/** readmark.json: create it (reader's choice, empty folder only), or check it is our folder; open the keys. */
async function identify(options: SyncOptions, book: SyncBook): Promise<FileKeys> {
  const { target, store, passphrase } = options;
  // A new folder's keys are made before looking (PBKDF2 takes a while): the time between "there is
  // no readmark.json" and writing ours stays a few requests long, as does the window for a race.
  const created =
    !book.targetId && options.createIfEmpty ? await newTargetFile(passphrase, options.kdfIterations) : null;
  let bytes = await target.get(TARGET_FILE);
  if (!bytes) {
    if (book.targetId) {
      throw pause(
        'folder-missing',
        appError('sync-folder-missing'),
        'The sync folder is empty or was moved; nothing was deleted. Check the server URL',
      );
    }
    if (!created)
      throw pause('no-folder', appError('sync-no-folder'), 'There is no Readmark sync in this folder yet');
    const entries = await target.list('');
    if (entries === null) {
      throw failure(
        'missing-file',
        appError('sync-folder-missing'),
        'The sync folder does not exist on the server',
      );
    }
    // readmark.json listed now: another device created the folder a moment ago; join it.
    const justCreated = entries.some((entry) => entry.name === TARGET_FILE);
    if (!justCreated) {
      if (entries.length > 0) {
        throw pause(
          'folder-not-empty',
          appError('sync-folder-not-empty'),
          'This folder holds other files; choose an empty folder',
        );
      }
      // If-None-Match is a courtesy: servers that ignore it overwrite. Re-reading after a pause
      // settles who won: a device creating the same folder at the same moment wrote within it.
      await target.put(TARGET_FILE, jsonBytes(created.file), { onlyIfAbsent: true });
      await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 2_000));
    }
    bytes = await target.get(TARGET_FILE);
    if (!bytes) {
      throw failure(
        'missing-file',
        appError('sync-file-missing', { path: TARGET_FILE }),
        'The server did not keep readmark.json',
      );
    }
    const stored = parseTargetFile(bytesJson(bytes));
    if (stored.targetId === created.file.targetId) {
      options.keyCache?.set(cacheKey(stored, passphrase), created.keys);
    }
  }
  let pendingKeys: SavedKeys | null = null;
  let file: TargetFile;
  try {
    file = (await readTargetFile(target, bytes)) as TargetFile;
  } catch (error) {
    // readmark.json is plain JSON: one that does not parse was cut short or corrupted.
    if (error instanceof SyntaxError) {
      throw failure('bad-format', appError('sync-file-damaged', { path: TARGET_FILE }), error.message);
    }
    throw error;
  }

  if (file.formatVersion > FORMAT_VERSION) {
    throw failure(
      'newer-format',
      appError('sync-newer-format'),
      'This sync folder was written by a newer Readmark; update this one first',
    );
  }
  if (book.targetId && book.targetId !== file.targetId) {
    throw pause(
      'foreign-folder',
      appError('sync-foreign-folder'),
      'This folder holds another Readmark library; nothing was changed',
    );
  }
  if (!file.encryption && book.encrypted) {
    throw pause(
      'encryption-removed',
      appError('sync-encryption-removed'),
      'This folder was encrypted and is not any more; nothing was sent',
    );
  }
  let keys: FileKeys;
  const joined = book.targetId === file.targetId;
  if (file.encryption) {
    const saved = joined ? book.keys : null;
    const tag = wrapTag(file.encryption);
    if (savedKeysFit(saved, file.encryption)) {
      keys = saved.keys;
      // A passphrase change of ours that was killed after writing readmark.json: adopt it now.
      if (saved.wrap !== tag) await keepKeys(store, book, { keys, wrap: tag });
    } else {
      if (!passphrase) {
        if (saved)
          throw failure(
            'passphrase-changed',
            appError('sync-passphrase-changed'),
            'The passphrase of this sync folder was changed on another device: enter the new one',
          );
        throw failure(
          'passphrase-needed',
          appError('sync-passphrase-needed'),
          'This sync folder is encrypted: enter its passphrase',
        );
      }
      const key = cacheKey(file, passphrase);
      keys = options.keyCache?.get(key) ?? (await openKeys(file.encryption, passphrase));
      options.keyCache?.set(key, keys);
      if (joined) await keepKeys(store, book, { keys, wrap: tag });
      else pendingKeys = { keys, wrap: tag };
    }
  } else {
    if (passphrase)
      throw failure(
        'not-encrypted',
        appError('sync-not-encrypted'),
        'This sync folder is not encrypted, but a passphrase was given',
      );
    if (!file.nameSecret) throw new FormatError(TARGET_FILE);
    keys = await plainKeys(file.nameSecret);
  }
  if (book.targetId !== file.targetId || book.encrypted !== Boolean(file.encryption)) {
    const joining = { targetId: file.targetId, encrypted: Boolean(file.encryption) };
    await store.commit({ book: pendingKeys ? { ...joining, keys: pendingKeys } : joining });
    Object.assign(book, joining);
    if (pendingKeys) book.keys = pendingKeys;
  }
  return keys;
}

/** Keep the folder's keys (non-extractable) in the book: later runs need no passphrase. */
async function keepKeys(store: SyncStore, book: SyncBook, keys: SavedKeys) {
  await store.commit({ book: { keys } });
  book.keys = keys;
}

function cacheKey(file: TargetFile, passphrase: string | null): string {
  return `${file.targetId}\u0000${file.encryption?.salt ?? ''}\u0000${passphrase ?? ''}`;
}

async function newTargetFile(
  passphrase: string | null,
  iterations?: number,
): Promise<{ file: TargetFile; keys: FileKeys }> {
  const base = { format: FORMAT, formatVersion: FORMAT_VERSION, targetId: newId() } as const;
  if (passphrase) {
    const { wrapped, keys } = await createKeys(passphrase, iterations);
    return { file: { ...base, encryption: wrapped }, keys };
  }
  const nameSecret = newNameSecret();
  return { file: { ...base, encryption: null, nameSecret }, keys: await plainKeys(nameSecret) };
}

async function readDevice(target: RemoteTarget, keys: FileKeys, deviceId: string): Promise<DeviceFile> {
  const path = devicePath(deviceId);
  const bytes = await target.get(path);
  if (!bytes) {
    throw failure(
      'missing-file',
      appError('sync-file-missing', { path }),
      `The sync file ${path} is listed but cannot be read`,
    );
  }
  return parseDeviceFile(bytesJson(await unseal(keys, path, bytes)), deviceId);
}

/** Forget the records every device has long seen deleted (purge.ts); one atomic commit. */
async function purgeTombstones(store: SyncStore, others: (SeenVector | null)[], now: number) {
  if (others.some((known) => known === null)) return; // a device that never said what it saw
  const { state } = await store.load();
  const keys = purgeable(state, others, now);
  if (keys.length > 0) await store.commit({ purge: keys });
}

async function writeDevice(
  target: RemoteTarget,
  keys: FileKeys,
  book: SyncBook,
  head: number,
  hlc: string,
  known: SeenVector,
) {
  const path = devicePath(book.deviceId);
  const file: DeviceFile = {
    deviceId: book.deviceId,
    name: book.deviceName,
    head,
    cursors: book.cursors,
    hlc,
    known,
  };
  await target.put(path, await seal(keys, path, jsonBytes(file)));
}

/** The oldest operations that fit in one pack (at least one, however large). */
function takeBatch(outbox: Op[], maxBytes: number): Op[] {
  const batch: Op[] = [];
  let size = 0;
  for (const op of outbox) {
    const opSize = JSON.stringify(op).length;
    if (batch.length > 0 && size + opSize > maxBytes) break;
    batch.push(op);
    size += opSize;
  }
  return batch;
}

const bodyHashOf = (op: Op) => (typeof op.set?.bodyHash === 'string' ? op.set.bodyHash : null);

/** Bodies a pack refers to go up before the pack: a reference never points at nothing. */
async function sendBodies(options: SyncOptions, keys: FileKeys, ops: Op[]) {
  const { bodies, target } = options;
  if (!bodies) return;
  const hashes = [...new Set(ops.map(bodyHashOf).filter((h): h is string => h !== null))];
  await inParallel(hashes, async (hash) => {
    const body = await bodies.read(hash);
    if (!body) return; // replaced since: a later operation carries the new body
    const path = blobPath(await contentName(keys, new TextEncoder().encode(hash)));
    await target.put(path, await seal(keys, path, body));
  });
}

/**
 * What the body and picture phases need of the library: the articles showing each body, and the
 * picture fields of the articles that have pictures.
 */
function wantedFromLibrary(library: Library) {
  const bodies = new Map<string, string[]>();
  const pictures: Record<string, unknown>[] = [];
  for (const article of library.articles.values()) {
    const hash = article.fields.bodyHash;
    if (typeof hash === 'string') {
      const ids = bodies.get(hash);
      if (ids) ids.push(article.id);
      else bodies.set(hash, [article.id]);
    }
    if (IMAGES_FIELD in article.fields) pictures.push({ [IMAGES_FIELD]: article.fields[IMAGES_FIELD] });
  }
  return { bodies, pictures };
}

/**
 * How long a run keeps starting batches of bodies by default: a run stays about a minute long (a
 * worker may be stopped during a longer one unless it keeps itself alive: `bodiesGoOnUntil`; a
 * stopped run loses at most the batch in hand).
 */
export const BODY_LOOP_MS = 45_000;
/** Bodies per batch: one bulk write each (a stop mid-batch stores none of it, never half a body). */
const BODY_BATCH = 50;
/** GETs at once in a batch: each a body of tens of kB, so each request stays far under 30 s. */
const BODY_CONCURRENCY = 6;

/**
 * The missing bodies of live articles, found in one bulk read, fetched in batches until `until`
 * (past it, while batches land, until `bodiesGoOnUntil`), or `bodiesPerRun`: each body is decrypted and checked against its hash as it arrives, and a
 * batch is stored in one transaction while the next one downloads. A body whose hash does not
 * match is refused (never stored); the others are kept, and the run then fails saying so.
 */
async function fetchBodies(
  options: SyncOptions,
  keys: FileKeys,
  articlesOf: Map<string, string[]>,
  until: number,
) {
  const { bodies, target } = options;
  if (!bodies) return { bodiesFetched: 0, bodiesPending: 0, bodiesUntried: 0 };
  const now = options.now ?? Date.now;
  options.onPhase?.('missing');
  const wanted = await bodies.missing([...articlesOf.keys()]);
  options.onPhase?.('bodies');
  const limit = Math.min(wanted.length, options.bodiesPerRun ?? wanted.length);
  let fetched = 0;
  let tried = 0;
  const refused: CorruptFileError[] = [];
  let goOnUntil = Math.max(until, options.bodiesGoOnUntil ?? until);
  // Whether the last batch brought bodies: only then does a run go on past `until`.
  let landed = true;
  // The previous batch's write, under way while this batch downloads.
  let writing: Promise<void> = Promise.resolve();
  try {
    while (tried < limit && (now() < until || (landed && now() < goOnUntil))) {
      const batch = wanted.slice(tried, Math.min(limit, tried + BODY_BATCH));
      tried += batch.length;
      const received: ReceivedBody[] = [];
      await inParallel(
        batch,
        async (hash) => {
          const path = blobPath(await contentName(keys, new TextEncoder().encode(hash)));
          const bytes = await target.get(path);
          if (!bytes) return; // not there yet (its device has not finished); a later run fetches it
          try {
            const body = await unseal(keys, path, bytes);
            if ((await sha256Hex(body)) !== hash)
              throw new CorruptFileError(path, 'its content does not match its hash');
            received.push({ hash, bytes: body, articleIds: articlesOf.get(hash) ?? [] });
          } catch (error) {
            if (!(error instanceof CorruptFileError)) throw error;
            refused.push(error);
          }
        },
        BODY_CONCURRENCY,
      );
      await writing;
      if ((await options.afterBodyBatch?.()) === false) goOnUntil = until;
      landed = received.length > 0;
      if (!landed) continue;
      writing = bodies.write(received).then(() => {
        fetched += received.length;
      });
      writing.catch(() => undefined); // awaited before the next batch or below; not unhandled meanwhile
    }
  } finally {
    // A failed run leaves nothing running behind it.
    await writing.catch(() => undefined);
  }
  await writing;
  if (refused[0]) throw refused[0];
  return {
    bodiesFetched: fetched,
    bodiesPending: wanted.length - fetched,
    bodiesUntried: wanted.length - tried,
  };
}

export { sha256Hex as bodyHash };

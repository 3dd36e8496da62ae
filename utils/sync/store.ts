/**
 * What the engine keeps on this machine, behind an interface: the extension keeps it in IndexedDB,
 * tests in memory. `commit` must be atomic: a worker killed during it leaves the old or the new
 * bookkeeping, never half of each. That is what makes every step of a run safe to repeat.
 */
import type { SavedKeys } from './saved-keys';
import type { Op, SeenVector, SyncState } from './state';

export interface SyncBook {
  deviceId: string;
  deviceName: string;
  /** The folder this library syncs with; null before the first successful join. */
  targetId: string | null;
  /** Whether that folder is encrypted (a folder that stops being encrypted is refused). */
  encrypted: boolean | null;
  /** The last of our packs the folder's device file references. */
  head: number;
  /** A pack being uploaded: its number and content are fixed before the first byte is sent. */
  inflight: { seq: number; ops: Op[] } | null;
  /** The last pack applied from each other device. */
  cursors: Record<string, number>;
  lastSuccessAt: number | null;
  /**
   * Bodies still to fetch after the last run (a run with nothing new skips the body scan at 0);
   * unset when records arrived and have not been scanned yet.
   */
  bodiesPending?: number;
  /** Pictures still to fetch after the last run, as bodiesPending (pictures.ts). */
  picturesPending?: number;
  /**
   * Each other device's file as last read and applied: the listing's ETag then. A file listed
   * with the same strong ETag is not read again (a run with nothing to do makes two requests);
   * every file is read anyway at least every DEVICE_RECHECK_MS, in case a server reuses a tag.
   */
  deviceTags?: Record<string, string>;
  /** When (this device's clock) every device file was last read whatever its tag. */
  devicesReadAt?: number;
  /** Each other device's name as its file last gave it (a skipped file keeps its name here). */
  deviceNames?: Record<string, string>;
  /**
   * How far ahead of this device's wall clock other devices' stamps may run without asking, once
   * the reader said "Continue" to a clock that far ahead (engine.ts, CLOCK_AHEAD_LIMIT_MS).
   */
  clockAheadAllowedMs?: number;
  /**
   * Each other device's `known` vector as its file was last read and its packs applied (purge.ts);
   * recorded with deviceTags.
   */
  deviceKnown?: Record<string, SeenVector>;
  /** Each other device's clock stamp in its file as last read (when it last synced: its wall part). */
  deviceSeen?: Record<string, string>;
  /**
   * Devices the reader forgot (forget.ts): id → the stamp its file carried then ('' when not yet
   * read). A file read with another stamp means the device synced again: it is no longer forgotten.
   */
  forgotten?: Record<string, string>;
  /** When (this device's clock) a run last looked for records to purge. */
  purgeCheckedAt?: number;
  /** The encrypted folder's keys, kept instead of the passphrase (saved-keys.ts). */
  keys?: SavedKeys | null;
}

/** The book of a device that has never synced. */
export function newBook(deviceId: string, deviceName: string): SyncBook {
  return {
    deviceId,
    deviceName,
    targetId: null,
    encrypted: null,
    head: 0,
    inflight: null,
    cursors: {},
    lastSuccessAt: null,
  };
}

export interface SyncSnapshot {
  book: SyncBook;
  state: SyncState;
  /** Local changes not yet uploaded, oldest first (already applied to `state`). */
  outbox: Op[];
}

export interface SyncCommit {
  book?: Partial<SyncBook>;
  /**
   * Remote operations to merge into the state (applyOp, with `now`). Operations, not a whole
   * state: a local edit made while the run was under way must survive the commit.
   */
  apply?: Op[];
  now?: number;
  /** Stamps of outbox operations now uploaded. */
  uploaded?: string[];
  /** Records to forget: each becomes its purgedMarker (purge.ts). */
  purge?: string[];
}

/** Everything but the records: what a run with nothing to receive needs. */
export interface SyncLight {
  book: SyncBook;
  outbox: Op[];
  /** The replica's clock. */
  clock: string;
  /** The latest stamp applied from each device (written in the device file: purge.ts). */
  known: SeenVector;
}

export interface SyncStore {
  load(): Promise<SyncSnapshot>;
  /** The book, outbox and clock without the records (cheap at 10,000 articles). */
  loadLight(): Promise<SyncLight>;
  commit(change: SyncCommit): Promise<void>;
}

/** A body received and checked against its hash, with the articles that show it. */
export interface ReceivedBody {
  hash: string;
  bytes: Uint8Array<ArrayBuffer>;
  articleIds: string[];
}

/** Article bodies by content hash (hex SHA-256 of the body bytes). */
export interface BodyStore {
  read(hash: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** The hashes among these not stored here, in their order: one bulk read, not one per hash. */
  missing(hashes: string[]): Promise<string[]>;
  /** Stores these bodies all at once (one transaction): a stop leaves all of them or none. */
  write(bodies: ReceivedBody[]): Promise<void>;
}

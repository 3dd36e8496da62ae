/**
 * The files of a sync folder (docs/sync-format.md). Every name is random or a number: no title,
 * URL or content appears in a path.
 *
 *   readmark.json                  target identity, format version, wrapped key (plain JSON)
 *   readmark.next.json             the same, as a passphrase change is about to write it
 *   devices/<deviceId>.json        sealed, written only by that device: head pack and cursors
 *   log/<deviceId>/<seq>.pack      sealed, written only by that device, never changed once referenced
 *   blob/<xx>/<name>               sealed article bodies; name = HMAC(name key, SHA-256(body))
 *   img/<xx>/<name>                sealed stored pictures; name = HMAC(name key, "picture " + SHA-256)
 */
import { appError, CodedError } from '@/utils/model';
import { bytesJson } from './bytes';
import type { WrappedKeys } from './crypto';
import { isHlc } from './hlc';
import type { RemoteTarget } from './remote-target';
import type { Op, SeenVector } from './state';

export const FORMAT = 'readmark-sync';
export const FORMAT_VERSION = 1;
export const TARGET_FILE = 'readmark.json';
/** A passphrase change writes and checks the new readmark.json here first (passphrase.ts). */
export const TARGET_NEXT_FILE = 'readmark.next.json';
export const DEVICES_FOLDER = 'devices';

export interface TargetFile {
  format: typeof FORMAT;
  formatVersion: number;
  targetId: string;
  /** The wrapped data key, or null for a folder without encryption. */
  encryption: WrappedKeys | null;
  /** Only without encryption: the secret for body file names. */
  nameSecret?: string;
}

export interface DeviceFile {
  deviceId: string;
  name: string;
  /** The last pack this device committed (0: none). */
  head: number;
  /** The last pack of each other device applied here. */
  cursors: Record<string, number>;
  /** This device's clock when it wrote the file. */
  hlc: string;
  /**
   * The latest stamp this device had applied from each device (its own included): what it has
   * seen, so others know when a delete may be forgotten (purge.ts). Absent in files written before.
   */
  known?: SeenVector;
}

export interface PackFile {
  deviceId: string;
  seq: number;
  ops: Op[];
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const devicePath = (deviceId: string) => `${DEVICES_FOLDER}/${deviceId}.json`;
export const packPath = (deviceId: string, seq: number) =>
  `log/${deviceId}/${String(seq).padStart(8, '0')}.pack`;
export const blobPath = (name: string) => `blob/${name.slice(0, 2)}/${name}`;

export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes]
    .map((b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 20);
}

/** A file that parsed (its seal held) but does not say what Readmark writes: never applied. */
export class FormatError extends CodedError {
  constructor(readonly path: string) {
    super(appError('sync-file-invalid', { path }), `The sync file ${path} is not in Readmark's format`);
    this.name = 'FormatError';
  }
}

function fail(path: string): never {
  throw new FormatError(path);
}

export function parseTargetFile(value: unknown): TargetFile {
  const file = value as Partial<TargetFile> | null;
  if (!file || file.format !== FORMAT || typeof file.formatVersion !== 'number') fail(TARGET_FILE);
  if (typeof file.targetId !== 'string' || !ID.test(file.targetId)) fail(TARGET_FILE);
  if (file.encryption !== null && typeof file.encryption !== 'object') fail(TARGET_FILE);
  return file as TargetFile;
}

/**
 * readmark.json (its bytes, when already read), or null when there is none. If it is damaged (an
 * upload cut short by a passphrase change), the checked copy that change wrote first
 * (passphrase.ts); with both damaged, the main file's fault is thrown. Nothing is written.
 */
export async function readTargetFile(
  target: RemoteTarget,
  read?: Uint8Array<ArrayBuffer>,
): Promise<TargetFile | null> {
  const bytes = read ?? (await target.get(TARGET_FILE));
  if (!bytes) return null;
  try {
    return parseTargetFile(bytesJson(bytes));
  } catch (error) {
    const copy = await target.get(TARGET_NEXT_FILE);
    try {
      if (copy) return parseTargetFile(bytesJson(copy));
    } catch {
      // Both damaged: report the main file's fault.
    }
    throw error;
  }
}

export function parseDeviceFile(value: unknown, deviceId: string): DeviceFile {
  const file = value as Partial<DeviceFile> | null;
  if (!file || file.deviceId !== deviceId) fail(devicePath(deviceId));
  if (!Number.isInteger(file.head) || (file.head as number) < 0) fail(devicePath(deviceId));
  if (typeof file.cursors !== 'object' || file.cursors === null || !isHlc(file.hlc))
    fail(devicePath(deviceId));
  const known = file.known as unknown;
  if (
    known !== undefined &&
    (typeof known !== 'object' || known === null || !Object.values(known).every(isHlc))
  )
    fail(devicePath(deviceId));
  return { ...file, name: String(file.name ?? '') } as DeviceFile;
}

export function parsePackFile(value: unknown, deviceId: string, seq: number): PackFile {
  const file = value as Partial<PackFile> | null;
  if (!file || file.deviceId !== deviceId || file.seq !== seq || !Array.isArray(file.ops)) {
    fail(packPath(deviceId, seq));
  }
  for (const op of file.ops) {
    const ok =
      (op?.kind === 'article' || op?.kind === 'highlight' || op?.kind === 'setting') &&
      typeof op.id === 'string' &&
      ID.test(op.id) &&
      isHlc(op.hlc) &&
      op.hlc.endsWith(`-${deviceId}`);
    if (!ok) fail(packPath(deviceId, seq));
  }
  return file as PackFile;
}

export function isId(value: string): boolean {
  return ID.test(value);
}

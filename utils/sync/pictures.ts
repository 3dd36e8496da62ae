/**
 * Stored pictures over sync. An article record carries its pictures as one field, `images`: the
 * [url, hash] pairs of the URLs its saved HTML names and the SHA-256 of the bytes stored for them.
 * Each distinct picture is one sealed file, named from its hash by the name key (like bodies), so
 * two articles using the same picture share one file and a file name says nothing about it.
 *
 * Upload: before the pack that names it, and once (the store remembers what is in the folder).
 * Download: after the bodies, a bounded number per run, each refused unless it is small enough,
 * unseals, is a picture type the reader may show and hashes to its name's hash: a damaged file is
 * never stored, and the article shows its picture's original URL or placeholder as before.
 */
import { IMAGE_CAPS, isStorableImageType, sha256Hex } from '@/utils/model';
import { CorruptFileError, contentName, type FileKeys, seal, unseal } from './crypto';
import { RemoteError, type RemoteTarget } from './remote-target';
import type { Op } from './state';
import { inParallel, missing } from './transfer';

/** The article field that lists its pictures. */
export const IMAGES_FIELD = 'images';

/** A picture's bytes and the type they were stored with. */
export interface StoredPicture {
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Pictures by content hash (hex SHA-256 of the bytes). */
export interface PictureStore {
  read(hash: string): Promise<StoredPicture | null>;
  has(hash: string): Promise<boolean>;
  write(hash: string, picture: StoredPicture): Promise<void>;
  /** For each hash: whether the picture is known to be in the folder (sent, or received from it). */
  inFolder(hashes: string[]): Promise<boolean[]>;
  markInFolder(hashes: string[]): Promise<void>;
  /** Pictures whose upload took longer than a request may: tried again by later runs. */
  unsent(): Promise<string[]>;
  setUnsent(hash: string, unsent: boolean): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;
/** Longer URLs are not a picture an article names (data: URLs are never stored). */
const MAX_URL = 8_192;

/** An `images` field as [url, hash] pairs, or null when it is not one (a hostile record). */
export function pictureLinks(value: unknown): [string, string][] | null {
  if (!Array.isArray(value) || value.length > IMAGE_CAPS.perArticleCount) return null;
  const links: [string, string][] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const [url, hash] = pair as unknown[];
    if (typeof url !== 'string' || url.length > MAX_URL || typeof hash !== 'string' || !HASH.test(hash))
      return null;
    links.push([url, hash]);
  }
  return links;
}

/** The picture files live apart from bodies; their names are keyed apart too. */
export const picturePath = (name: string) => `img/${name.slice(0, 2)}/${name}`;

async function pictureFile(keys: FileKeys, hash: string): Promise<string> {
  return picturePath(await contentName(keys, new TextEncoder().encode(`picture ${hash}`)));
}

/** Plain content of a picture file: type length (1 byte) | type (ASCII) | bytes. */
function encodePicture(picture: StoredPicture): Uint8Array<ArrayBuffer> {
  const type = new TextEncoder().encode(picture.type);
  const out = new Uint8Array(1 + type.length + picture.bytes.length);
  out[0] = type.length;
  out.set(type, 1);
  out.set(picture.bytes, 1 + type.length);
  return out;
}

function decodePicture(path: string, content: Uint8Array<ArrayBuffer>): StoredPicture {
  const length = content[0] ?? 0;
  const type = new TextDecoder().decode(content.slice(1, 1 + length));
  if (!isStorableImageType(type) || content.length <= 1 + length)
    throw new CorruptFileError(path, 'not a picture type Readmark stores');
  return { type, bytes: content.slice(1 + length) };
}

/** The largest picture file accepted: the per-picture cap, its type and the seal's overhead. */
export const MAX_PICTURE_FILE = IMAGE_CAPS.perImage + 1_024;

const picturesOf = (op: Op) => (op.set ? (pictureLinks(op.set[IMAGES_FIELD]) ?? []) : []);

/**
 * Pictures these operations name go up before the pack that names them, each once: one already
 * in the folder (sent before, or received) is not sent again.
 */
export async function sendPictures(
  target: RemoteTarget,
  keys: FileKeys,
  pictures: PictureStore,
  ops: Op[],
): Promise<number> {
  const hashes = [...new Set(ops.flatMap((op) => picturesOf(op).map(([, hash]) => hash)))];
  if (hashes.length === 0) return 0;
  const there = await pictures.inFolder(hashes);
  return upload(
    target,
    keys,
    pictures,
    hashes.filter((_, i) => !there[i]),
  );
}

/** Pictures left unsent by earlier runs (too slow then), a few per run. */
export async function sendUnsentPictures(
  target: RemoteTarget,
  keys: FileKeys,
  pictures: PictureStore,
): Promise<number> {
  return upload(target, keys, pictures, (await pictures.unsent()).slice(0, 20));
}

async function upload(target: RemoteTarget, keys: FileKeys, pictures: PictureStore, hashes: string[]) {
  let sent = 0;
  await inParallel(hashes, async (hash) => {
    const picture = await pictures.read(hash);
    if (!picture) {
      await pictures.setUnsent(hash, false); // gone here since: no article names it any more
      return;
    }
    const path = await pictureFile(keys, hash);
    try {
      await target.put(path, await seal(keys, path, encodePicture(picture)));
    } catch (error) {
      // Too slow for one request (5 MiB over a slow uplink): the library keeps syncing (other
      // devices show the placeholder meanwhile) and later runs try the picture again. Any other
      // failure fails the run.
      if (!(error instanceof RemoteError && error.kind === 'timeout')) throw error;
      await pictures.setUnsent(hash, true);
      return;
    }
    await pictures.markInFolder([hash]);
    await pictures.setUnsent(hash, false);
    sent++;
  });
  return sent;
}

export interface PictureFetch {
  picturesFetched: number;
  /** Named by a live article and not stored here yet (refused ones included: retried later). */
  picturesPending: number;
  /** Files that failed a check this run (too large, damaged, not a picture): not stored. */
  picturesRefused: number;
}

/**
 * Fetches up to `limit` of the missing pictures these articles name. A file that is not there yet
 * stays pending; one that fails a check is refused (not stored, counted) without failing the run:
 * one bad picture must not stop the library syncing.
 */
export async function fetchPictures(
  target: RemoteTarget,
  keys: FileKeys,
  pictures: PictureStore,
  articleFields: Iterable<Record<string, unknown>>,
  limit: number,
): Promise<PictureFetch> {
  const named = new Set<string>();
  for (const fields of articleFields) {
    for (const [, hash] of pictureLinks(fields[IMAGES_FIELD]) ?? []) named.add(hash);
  }
  const wanted = await missing(named, (hash) => pictures.has(hash));
  let fetched = 0;
  let refused = 0;
  await inParallel(wanted.slice(0, limit), async (hash) => {
    const path = await pictureFile(keys, hash);
    let picture: StoredPicture;
    try {
      const bytes = await target.get(path, { maxBytes: MAX_PICTURE_FILE });
      if (!bytes) return; // not there yet (its device has not finished): a later run fetches it
      picture = decodePicture(path, await unseal(keys, path, bytes));
      if (picture.bytes.length > IMAGE_CAPS.perImage) throw new CorruptFileError(path, 'too large');
      if ((await sha256Hex(picture.bytes)) !== hash)
        throw new CorruptFileError(path, 'its content does not match its hash');
    } catch (error) {
      // Too slow for one request: still pending, tried again by later runs (the library synced).
      if (error instanceof RemoteError && error.kind === 'timeout') return;
      const bad =
        error instanceof CorruptFileError || (error instanceof RemoteError && error.kind === 'too-large');
      if (!bad) throw error;
      refused++;
      return;
    }
    await pictures.write(hash, picture);
    await pictures.markInFolder([hash]);
    fetched++;
  });
  return { picturesFetched: fetched, picturesPending: wanted.length - fetched, picturesRefused: refused };
}

/**
 * Encryption with WebCrypto only.
 *
 * A random 32-byte master secret is the data key. It is stored on the server only wrapped
 * (AES-256-GCM) by a key derived from the passphrase (PBKDF2-SHA256, at least 600,000 iterations,
 * random 16-byte salt), so changing the passphrase re-wraps 32 bytes and touches no other file.
 * From the secret, HKDF derives the file key (AES-256-GCM, a random 96-bit IV per file, the file's
 * path as associated data so a file cannot be replayed under another name) and the name key
 * (HMAC-SHA256, so body file names reveal nothing about their content).
 */
import { appError, CodedError, type ErrorOf } from '@/utils/model';
import { fromBase64, toBase64 } from './bytes';
import { TARGET_FILE } from './remote-format';

/** Production PBKDF2 cost: every folder the extension creates uses at least this. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
/**
 * What a folder's readmark.json may declare. The floor is not the production value: tests create
 * folders at a few thousand iterations (SyncOptions.kdfIterations) so that a suite of many folders
 * does not spend most of its time deriving keys. A folder declaring fewer than production cannot
 * weaken an existing library: its wrapped key opens only under the iteration count it was made with.
 */
const KDF_ITERATIONS_RANGE = [1_000, 10_000_000] as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const SECRET_BYTES = 32;

/** The crypto block of readmark.json (plain JSON, safe to publish). */
export interface WrappedKeys {
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  keys: { keyId: string; iv: string; wrapped: string }[];
  activeKeyId: string;
}

/**
 * Keys for one sync target, ready to use. Both keys are non-extractable CryptoKeys: the extension
 * keeps them in IndexedDB (structured clone) so that a woken worker need not derive them again,
 * and no script, ours included, can read their bytes back out (saved-keys.ts).
 */
export interface FileKeys {
  /** null when the target is not encrypted. */
  keyId: string | null;
  fileKey: CryptoKey | null;
  nameKey: CryptoKey;
}

const encoder = new TextEncoder();

export class WrongPassphraseError extends CodedError {
  constructor() {
    super(appError('sync-wrong-passphrase'), 'The passphrase does not open this sync folder');
    this.name = 'WrongPassphraseError';
  }
}

function random(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

const iterationsFit = (iterations: number) =>
  Number.isInteger(iterations) &&
  iterations >= KDF_ITERATIONS_RANGE[0] &&
  iterations <= KDF_ITERATIONS_RANGE[1];

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const wrapAad = (keyId: string) => encoder.encode(`readmark-sync key ${keyId}`);

async function keysFromSecret(secret: Uint8Array<ArrayBuffer>, keyId: string | null): Promise<FileKeys> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: encoder.encode(info),
  });
  const nameKey = await crypto.subtle.deriveKey(
    hkdf('readmark names'),
    base,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  if (keyId === null) return { keyId, fileKey: null, nameKey };
  const fileKey = await crypto.subtle.deriveKey(
    hkdf('readmark files'),
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { keyId, fileKey, nameKey };
}

async function wrapSecret(
  secret: Uint8Array<ArrayBuffer>,
  keyId: string,
  passphrase: string,
  iterations: number,
) {
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const kek = await passphraseKey(passphrase, salt, iterations);
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: wrapAad(keyId) }, kek, secret),
  );
  return { salt: toBase64(salt), key: { keyId, iv: toBase64(iv), wrapped: toBase64(wrapped) } };
}

/** A new data key wrapped by the passphrase: the crypto block for a new target, and its keys. */
export async function createKeys(
  passphrase: string,
  iterations = MIN_PBKDF2_ITERATIONS,
): Promise<{ wrapped: WrappedKeys; keys: FileKeys }> {
  // Only a caller's own bug (the extension passes none, tests a few thousand): no reader meets it.
  if (!iterationsFit(iterations)) throw new Error(`PBKDF2 iterations out of range: ${iterations}`);
  const secret = random(SECRET_BYTES);
  const keyId = toBase64(random(6)).replace(/[^A-Za-z0-9]/g, 'x');
  const { salt, key } = await wrapSecret(secret, keyId, passphrase, iterations);
  return {
    wrapped: { kdf: 'PBKDF2-SHA256', iterations, salt, keys: [key], activeKeyId: keyId },
    keys: await keysFromSecret(secret, keyId),
  };
}

async function unwrapSecret(block: WrappedKeys, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = block.keys.find((k) => k.keyId === block.activeKeyId);
  // A folder's readmark.json is anyone's to write: a block this Readmark cannot use is the file's fault.
  if (!key || block.kdf !== 'PBKDF2-SHA256' || !iterationsFit(block.iterations))
    throw new CorruptFileError(TARGET_FILE, 'its key block names an unknown key, method or cost', 'invalid');
  const kek = await passphraseKey(passphrase, fromBase64(block.salt), block.iterations);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(key.iv), additionalData: wrapAad(key.keyId) },
        kek,
        fromBase64(key.wrapped),
      ),
    );
  } catch {
    throw new WrongPassphraseError();
  }
}

/** The keys of an encrypted target; throws WrongPassphraseError when the passphrase is wrong. */
export async function openKeys(block: WrappedKeys, passphrase: string): Promise<FileKeys> {
  return keysFromSecret(await unwrapSecret(block, passphrase), block.activeKeyId);
}

/**
 * The same data key wrapped by a new passphrase (new salt), and its keys; files stay as they are.
 * Throws WrongPassphraseError when the old passphrase does not open the block.
 */
export async function rewrapKeys(
  block: WrappedKeys,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<{ wrapped: WrappedKeys; keys: FileKeys }> {
  const secret = await unwrapSecret(block, oldPassphrase);
  const { salt, key } = await wrapSecret(secret, block.activeKeyId, newPassphrase, block.iterations);
  return { wrapped: { ...block, salt, keys: [key] }, keys: await keysFromSecret(secret, block.activeKeyId) };
}

/** Keys for a target without encryption: only the name key, from a secret stored in the clear. */
export async function plainKeys(nameSecret: string): Promise<FileKeys> {
  return keysFromSecret(fromBase64(nameSecret), null);
}

export function newNameSecret(): string {
  return toBase64(random(SECRET_BYTES));
}

/** A name for content that reveals nothing about it: HMAC(name key, SHA-256(content)), hex. */
export async function contentName(keys: FileKeys, content: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', content);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.nameKey, digest));
  return [...mac.slice(0, 20)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Sealed files: every file the engine writes, encrypted or not, carries a check that a truncated,
// corrupted or renamed file fails. Encrypted: "RMK1" | keyId length | keyId | IV | AES-GCM output.
// Plain: "RMP1" | SHA-256(path | content) | content.
const ENCRYPTED_MAGIC = 'RMK1';
const PLAIN_MAGIC = 'RMP1';
const pathAad = (path: string) => encoder.encode(`readmark-sync/1 ${path}`);

/** How a sync file fails its checks, as the reader is told. */
const FILE_FAULTS = {
  /** Cut short or corrupted: its seal, checksum or hash does not hold. */
  damaged: 'sync-file-damaged',
  /** Sealed with a data key that is not the folder's. */
  'other-key': 'sync-file-other-key',
  /** Whole, but not what Readmark writes. */
  invalid: 'sync-file-invalid',
} as const;

/** A sync file that fails its checks: never applied. Carries the reader's error (its path: a random name). */
export class CorruptFileError extends CodedError {
  constructor(
    readonly path: string,
    why: string,
    fault: keyof typeof FILE_FAULTS = 'damaged',
  ) {
    super(
      appError(FILE_FAULTS[fault], { path }) as ErrorOf<(typeof FILE_FAULTS)[typeof fault]>,
      `The sync file ${path} is damaged or not ours (${why}); it was not applied`,
    );
    this.name = 'CorruptFileError';
  }
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export async function seal(
  keys: FileKeys,
  path: string,
  content: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (keys.fileKey && keys.keyId) {
    const iv = random(IV_BYTES);
    const keyId = encoder.encode(keys.keyId);
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: pathAad(path) },
      keys.fileKey,
      content,
    );
    return concat(
      encoder.encode(ENCRYPTED_MAGIC),
      Uint8Array.of(keyId.length),
      keyId,
      iv,
      new Uint8Array(cipher),
    );
  }
  const digest = await crypto.subtle.digest('SHA-256', concat(pathAad(path), content));
  return concat(encoder.encode(PLAIN_MAGIC), new Uint8Array(digest), content);
}

/** The content of a sealed file, or CorruptFileError. An encrypted target accepts no plain file. */
export async function unseal(
  keys: FileKeys,
  path: string,
  file: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const magic = new TextDecoder().decode(file.slice(0, 4));
  if (keys.fileKey) {
    if (magic !== ENCRYPTED_MAGIC) throw new CorruptFileError(path, 'not an encrypted sync file');
    const idLength = file[4] ?? 0;
    const keyId = new TextDecoder().decode(file.slice(5, 5 + idLength));
    if (keyId !== keys.keyId) throw new CorruptFileError(path, 'encrypted with another key', 'other-key');
    const iv = file.slice(5 + idLength, 5 + idLength + IV_BYTES);
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: pathAad(path) },
        keys.fileKey,
        file.slice(5 + idLength + IV_BYTES),
      );
      return new Uint8Array(plain);
    } catch {
      throw new CorruptFileError(path, 'its authentication tag does not match');
    }
  }
  if (magic !== PLAIN_MAGIC) throw new CorruptFileError(path, 'not a sync file');
  const content = file.slice(36);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(pathAad(path), content)));
  const stored = file.slice(4, 36);
  if (stored.length !== 32 || stored.some((byte, i) => byte !== digest[i])) {
    throw new CorruptFileError(path, 'its checksum does not match');
  }
  return content;
}

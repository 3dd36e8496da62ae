/**
 * Changing the passphrase: the data key stays, only its wrapping in readmark.json changes; no
 * other file is touched. Steps, each safe to be killed after:
 *
 * 1. Read readmark.json; it must be this library's folder, encrypted, with the wrapping this device
 *    knows (a change made elsewhere is adopted first, by a run given the new passphrase).
 * 2. Unwrap with the old passphrase (wrong: nothing is written anywhere) and wrap anew.
 * 3. Record the new wrapping locally as pending: from now on this device accepts either.
 * 4. Write readmark.next.json and re-read it, then readmark.json and re-read it. An upload of
 *    readmark.json cut short leaves a damaged file; runs then read the checked copy (engine.ts).
 * 5. Record the new wrapping as the device's own, and remove the copy.
 *
 * Killed before 4: the folder has the old wrapping, which this device still accepts. Killed during
 * or after 4: the folder has the new one, which it accepts too. The data key never changes, so no
 * file is ever encrypted under a key the other devices lack: they stop with "passphrase changed,
 * enter the new one" (engine.ts) until the reader gives it, and write nothing meanwhile.
 */
import { type AppError, appError, CodedError } from '@/utils/model';
import { bytesJson, jsonBytes } from './bytes';
import { rewrapKeys, WrongPassphraseError } from './crypto';
import { withSyncLock } from './engine';
import {
  parseTargetFile,
  readTargetFile,
  TARGET_FILE,
  TARGET_NEXT_FILE,
  type TargetFile,
} from './remote-format';
import { RemoteError, type RemoteTarget } from './remote-target';
import { savedKeysFit, wrapTag } from './saved-keys';
import type { SyncStore } from './store';

export interface PassphraseChange {
  target: RemoteTarget;
  store: SyncStore;
  oldPassphrase: string;
  newPassphrase: string;
}

export type PassphraseChangeResult =
  | { status: 'done' }
  | {
      status: 'failed';
      reason:
        | 'not-joined' // this device has not synced with the folder yet
        | 'no-folder'
        | 'foreign-folder'
        | 'not-encrypted'
        | 'passphrase-changed' // changed elsewhere since: sync with the new one first
        | 'wrong-passphrase'
        | 'not-kept' // the server did not keep what was written
        | 'remote'
        | 'damaged'; // readmark.json (and its checked copy) cut short, corrupted or not Readmark's
      message: string;
      /** For 'remote' and 'damaged': what the reader is told. */
      error?: AppError;
      remoteKind?: RemoteError['kind'];
    };

class Refused extends Error {
  constructor(
    readonly reason: Exclude<PassphraseChangeResult, { status: 'done' }>['reason'],
    message: string,
  ) {
    super(message);
  }
}

export function changePassphrase(change: PassphraseChange): Promise<PassphraseChangeResult> {
  return withSyncLock(change.store, async () => {
    try {
      await rewrap(change);
      return { status: 'done' };
    } catch (error) {
      if (error instanceof Refused) return { status: 'failed', reason: error.reason, message: error.message };
      if (error instanceof WrongPassphraseError)
        return { status: 'failed', reason: 'wrong-passphrase', message: 'The old passphrase is not right' };
      if (error instanceof RemoteError) {
        const { message, kind: remoteKind } = error;
        return { status: 'failed', reason: 'remote', message, error: error.error, remoteKind };
      }
      if (error instanceof CodedError)
        return { status: 'failed', reason: 'damaged', message: error.message, error: error.error };
      // readmark.json is plain JSON: one that does not parse was cut short or corrupted.
      if (error instanceof SyntaxError) {
        const damaged = appError('sync-file-damaged', { path: TARGET_FILE });
        return { status: 'failed', reason: 'damaged', message: error.message, error: damaged };
      }
      // Anything else is a bug: the service answers it as 'unexpected' (sync-passphrase.ts).
      throw error;
    }
  });
}

async function readTarget(target: RemoteTarget, path: string): Promise<TargetFile | null> {
  const bytes = await target.get(path);
  return bytes ? parseTargetFile(bytesJson(bytes)) : null;
}

/**
 * Write a copy of readmark.json and read it back: the server must have kept exactly this. Another
 * wrapping than ours and than the one we started from is another device's change made at the same
 * moment (no lock spans devices): it won, and its passphrase is the one to give.
 */
async function writeChecked(target: RemoteTarget, path: string, file: TargetFile, before: TargetFile) {
  await target.put(path, jsonBytes(file));
  const stored = await readTarget(target, path);
  if (stored && JSON.stringify(stored) === JSON.stringify(file)) return;
  if (stored?.encryption && ![file, before].some((ours) => sameWrapping(ours, stored)))
    throw new Refused(
      'passphrase-changed',
      'The passphrase was changed on another device at the same moment: sync with it first',
    );
  throw new Refused(
    'not-kept',
    'The server did not keep the new passphrase; the old one still opens the folder',
  );
}

const sameWrapping = (a: TargetFile, b: TargetFile) =>
  JSON.stringify(a.encryption) === JSON.stringify(b.encryption);

async function rewrap({ target, store, oldPassphrase, newPassphrase }: PassphraseChange) {
  const { book } = await store.loadLight();
  if (!book.targetId) throw new Refused('not-joined', 'Sync once before changing the passphrase');
  const file = await readTargetFile(target);
  if (!file) throw new Refused('no-folder', 'There is no Readmark sync in this folder');
  if (file.targetId !== book.targetId)
    throw new Refused('foreign-folder', 'This folder holds another Readmark library');
  if (!file.encryption) throw new Refused('not-encrypted', 'This sync folder is not encrypted');
  if (book.keys && !savedKeysFit(book.keys, file.encryption))
    throw new Refused(
      'passphrase-changed',
      'The passphrase was changed on another device: sync with it first',
    );

  const { wrapped, keys } = await rewrapKeys(file.encryption, oldPassphrase, newPassphrase);
  const next: TargetFile = { ...file, encryption: wrapped };
  const oldTag = wrapTag(file.encryption);
  const newTag = wrapTag(wrapped);
  await store.commit({ book: { keys: { keys, wrap: oldTag, pendingWrap: newTag } } });
  await writeChecked(target, TARGET_NEXT_FILE, next, file);
  await writeChecked(target, TARGET_FILE, next, file);
  await store.commit({ book: { keys: { keys, wrap: newTag } } });
  // Done whatever this answers: a copy left behind says what readmark.json says.
  await target.remove(TARGET_NEXT_FILE).catch((error: unknown) => {
    if (!(error instanceof RemoteError)) throw error;
  });
}

/**
 * The folder's keys as this device keeps them: opened once with the passphrase, then kept as
 * non-extractable CryptoKeys in the engine's book (IndexedDB in the extension). The passphrase
 * itself is never kept: a woken worker uses the keys, and no script can read their bytes back.
 *
 * The keys are kept with the wrapping they were opened from (`wrap`, a tag of readmark.json's
 * encryption block). When the folder's wrapping changes (the passphrase was changed, on another
 * device or by a run of ours that did not finish recording it), the kept keys are no longer used:
 * the run stops before writing anything and asks for the new passphrase. A passphrase change of
 * this device records the new wrapping as `pendingWrap` before it writes readmark.json, so a worker
 * killed between the write and the record accepts either wrapping: the old state or the new.
 */
import type { FileKeys, WrappedKeys } from './crypto';

export interface SavedKeys {
  /** Non-extractable: structured-cloned into IndexedDB, never exported. */
  keys: FileKeys;
  /** The wrapping (encryption block) these keys were last confirmed under. */
  wrap: string;
  /** A wrapping this device is writing (passphrase change under way). */
  pendingWrap?: string;
}

/** A tag of an encryption block: equal tags, same wrapping (same salt, iterations and wrapped key). */
export function wrapTag(block: WrappedKeys): string {
  return JSON.stringify([block.kdf, block.iterations, block.salt, block.activeKeyId, block.keys]);
}

/** Whether kept keys may open a folder whose readmark.json carries this encryption block. */
export function savedKeysFit(saved: SavedKeys | null | undefined, block: WrappedKeys): saved is SavedKeys {
  if (!saved || saved.keys.keyId !== block.activeKeyId) return false;
  const tag = wrapTag(block);
  return saved.wrap === tag || saved.pendingWrap === tag;
}

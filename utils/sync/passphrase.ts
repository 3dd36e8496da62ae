/**
 * Changing the passphrase rewrites readmark.json only: the data key is the same, wrapped anew.
 * It checks the old passphrase first and re-reads the file afterwards, so a wrong old passphrase
 * writes nothing and a write the server lost is reported.
 */
import { bytesJson, jsonBytes } from './bytes';
import { rewrapKeys } from './crypto';
import { parseTargetFile, TARGET_FILE } from './remote-format';
import type { RemoteTarget } from './remote-target';

export async function changePassphrase(target: RemoteTarget, oldPassphrase: string, newPassphrase: string) {
  const bytes = await target.get(TARGET_FILE);
  if (!bytes) throw new Error('There is no Readmark sync in this folder');
  const file = parseTargetFile(bytesJson(bytes));
  if (!file.encryption) throw new Error('This sync folder is not encrypted');
  const encryption = await rewrapKeys(file.encryption, oldPassphrase, newPassphrase);
  await target.put(TARGET_FILE, jsonBytes({ ...file, encryption }));
  const stored = await target.get(TARGET_FILE);
  if (
    !stored ||
    JSON.stringify(parseTargetFile(bytesJson(stored)).encryption) !== JSON.stringify(encryption)
  ) {
    throw new Error('The server did not keep the new passphrase; the old one still opens the folder');
  }
}

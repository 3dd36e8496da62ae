// @vitest-environment node
import { beforeAll, describe, expect, test } from 'vitest';
import {
  CorruptFileError,
  contentName,
  createKeys,
  type FileKeys,
  MIN_PBKDF2_ITERATIONS,
  newNameSecret,
  openKeys,
  plainKeys,
  rewrapKeys,
  seal,
  unseal,
  type WrappedKeys,
  WrongPassphraseError,
} from '@/utils/sync';

const text = (s: string) => new TextEncoder().encode(s);
const read = (b: Uint8Array) => new TextDecoder().decode(b);

/** Key derivation at a test cost: the production cost is asserted once, below. */
const TEST_ITERATIONS = 2_000;

describe('encryption (WebCrypto)', () => {
  let wrapped: WrappedKeys;
  let keys: FileKeys;
  beforeAll(async () => {
    ({ wrapped, keys } = await createKeys('correct horse battery staple', TEST_ITERATIONS));
  });

  test('by default the data key is wrapped by PBKDF2-SHA256 at 600,000 iterations with a random 16-byte salt', async () => {
    expect(MIN_PBKDF2_ITERATIONS).toBe(600_000);
    const production = (await createKeys('correct horse battery staple')).wrapped;
    expect(production).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: 600_000 });
    expect(atob(production.salt)).toHaveLength(16);
    expect(production.salt).not.toBe(wrapped.salt);
    // A folder cannot declare a cost of nothing (or one that would hang the worker).
    for (const iterations of [0, 999, 1.5, 20_000_000])
      await expect(createKeys('x', iterations)).rejects.toThrow(/iterations/);
  });

  test('a file seals and opens under its own path; the sealed bytes do not contain the text', async () => {
    const sealed = await seal(keys, 'log/dev/00000001.pack', text('{"title":"A secret story"}'));
    expect(read(sealed)).not.toContain('secret');
    expect(read(await unseal(keys, 'log/dev/00000001.pack', sealed))).toBe('{"title":"A secret story"}');
  });

  test('a file moved to another path, truncated, or with one byte flipped is refused', async () => {
    const sealed = await seal(keys, 'log/dev/00000001.pack', text('pack body'));
    await expect(unseal(keys, 'log/dev/00000002.pack', sealed)).rejects.toBeInstanceOf(CorruptFileError);
    await expect(unseal(keys, 'log/dev/00000001.pack', sealed.slice(0, -3))).rejects.toBeInstanceOf(
      CorruptFileError,
    );
    const flipped = sealed.slice();
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] as number) ^ 1;
    await expect(unseal(keys, 'log/dev/00000001.pack', flipped)).rejects.toBeInstanceOf(CorruptFileError);
    await expect(unseal(keys, 'log/dev/00000001.pack', new Uint8Array(0))).rejects.toBeInstanceOf(
      CorruptFileError,
    );
  });

  test('an encrypted folder accepts no plain file (a host cannot inject one)', async () => {
    const plain = await plainKeys(newNameSecret());
    const injected = await seal(plain, 'log/dev/00000001.pack', text('{"ops":[]}'));
    await expect(unseal(keys, 'log/dev/00000001.pack', injected)).rejects.toThrow(
      /not an encrypted sync file/,
    );
  });

  test('a wrong passphrase fails to open the key', async () => {
    await expect(openKeys(wrapped, 'wrong passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  test('changing the passphrase re-wraps the same key: old files open with the new passphrase only', async () => {
    const sealed = await seal(keys, 'devices/dev.json', text('device'));
    const { wrapped: rewrapped, keys: sameKeys } = await rewrapKeys(
      wrapped,
      'correct horse battery staple',
      'new passphrase',
    );
    expect(rewrapped.salt).not.toBe(wrapped.salt);
    const reopened = await openKeys(rewrapped, 'new passphrase');
    expect(read(await unseal(reopened, 'devices/dev.json', sealed))).toBe('device');
    // The keys the re-wrap answers are the folder's own (no second derivation needed), and stay
    // non-extractable: their bytes cannot be read back out.
    expect(read(await unseal(sameKeys, 'devices/dev.json', sealed))).toBe('device');
    expect(sameKeys.fileKey?.extractable).toBe(false);
    expect(sameKeys.nameKey.extractable).toBe(false);
    await expect(openKeys(rewrapped, 'correct horse battery staple')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(rewrapKeys(wrapped, 'not the old one', 'x')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  test('plain files still carry a check: truncation and renaming are detected', async () => {
    const plain = await plainKeys(newNameSecret());
    const sealed = await seal(plain, 'blob/ab/abc', text('body'));
    expect(read(await unseal(plain, 'blob/ab/abc', sealed))).toBe('body');
    await expect(unseal(plain, 'blob/ab/abc', sealed.slice(0, -1))).rejects.toBeInstanceOf(CorruptFileError);
    await expect(unseal(plain, 'blob/cd/abc', sealed)).rejects.toBeInstanceOf(CorruptFileError);
  });

  test('content names are keyed: the same body gets another name under another key', async () => {
    const other = (await createKeys('another library', TEST_ITERATIONS)).keys;
    const name = await contentName(keys, text('https://example.org/story'));
    expect(name).toMatch(/^[0-9a-f]{40}$/);
    expect(await contentName(keys, text('https://example.org/story'))).toBe(name);
    expect(await contentName(other, text('https://example.org/story'))).not.toBe(name);
  });
});

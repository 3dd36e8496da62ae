import type { ReadmarkDb } from './db';

/**
 * Reads a setting; `fallback` when it was never set. Values are the caller's to validate: a
 * restored backup or an older version may have stored something else under the same key.
 */
export async function getSetting<T>(db: ReadmarkDb, key: string, fallback: T): Promise<T> {
  const record = await db.settings.get(key);
  return record === undefined ? fallback : (record.value as T);
}

export async function setSetting<T>(db: ReadmarkDb, key: string, value: T): Promise<void> {
  await db.settings.put({ key, value });
}

/**
 * Reads, changes and writes one setting in a single transaction. Two writers that each read the
 * whole value and put it back (the reader and the live page both keep Listen positions under one
 * key) would otherwise lose whichever change landed first.
 */
export async function updateSetting<T>(
  db: ReadmarkDb,
  key: string,
  update: (stored: unknown) => T,
): Promise<T> {
  return db.transaction('rw', db.settings, async () => {
    const record = await db.settings.get(key);
    const value = update(record?.value);
    await db.settings.put({ key, value });
    return value;
  });
}

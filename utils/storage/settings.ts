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

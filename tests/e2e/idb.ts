import type { Page, Worker } from 'playwright-core';

/**
 * An expression that reads a whole object store of the extension's database with raw IndexedDB,
 * for any extension page (same origin as the background), the real popup included (it is
 * evaluated there by CDP, not by Playwright), so the test sees what is really stored. A database
 * that does not exist yet reads as empty, and is not created by the look.
 */
export const readStoreExpression = (store: string) => `new Promise((resolve, reject) => {
  const open = indexedDB.open('readmark');
  let missing = false;
  open.onupgradeneeded = () => {
    missing = true;
    open.transaction?.abort();
  };
  open.onerror = () => (missing ? resolve([]) : reject(open.error));
  open.onsuccess = () => {
    const db = open.result;
    try {
      const request = db.transaction(${JSON.stringify(store)}, 'readonly').objectStore(${JSON.stringify(store)}).getAll();
      request.onsuccess = () => {
        resolve(request.result);
        db.close();
      };
      request.onerror = () => reject(request.error);
    } catch (error) {
      db.close();
      reject(error);
    }
  };
})`;

/**
 * A whole object store of the extension's database (readStoreExpression), read from an extension
 * page or from the background service worker, which is of the same origin: a test that only reads
 * the database asks the worker, as a library page opened for it costs about 0.4 CPU-s (README
 * "Tests", session 14).
 */
export function readStore<T = Record<string, unknown>>(
  extension: Pick<Page, 'evaluate'> | Pick<Worker, 'evaluate'>,
  store: string,
): Promise<T[]> {
  const evaluate: (expression: string) => Promise<unknown> = extension.evaluate.bind(extension);
  return evaluate(readStoreExpression(store)) as Promise<T[]>;
}

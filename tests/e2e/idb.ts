import type { Page } from 'playwright-core';

/**
 * Reads a whole object store of the extension's database with raw IndexedDB from an extension
 * page (same origin as the background), so the test sees what is really stored. A database that
 * does not exist yet reads as empty, and is not created by the look.
 */
export function readStore<T = Record<string, unknown>>(extensionPage: Page, store: string): Promise<T[]> {
  return extensionPage.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
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
            const request = db.transaction(name, 'readonly').objectStore(name).getAll();
            request.onsuccess = () => {
              resolve(request.result as T[]);
              db.close();
            };
            request.onerror = () => reject(request.error);
          } catch (error) {
            db.close();
            reject(error);
          }
        };
      }),
    store,
  );
}

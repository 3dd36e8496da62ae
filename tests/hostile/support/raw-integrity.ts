import type { Page } from 'playwright-core';

export interface LibraryRecords {
  articles: { id: string }[];
  contents: { articleId: string }[];
  highlights: { id: string; articleId: string }[];
}

/** Every article, body and highlight, read with raw IndexedDB from an extension page (the background's origin). */
export function readLibrary(extensionPage: Page): Promise<LibraryRecords> {
  return extensionPage.evaluate(
    () =>
      new Promise<LibraryRecords>((resolve, reject) => {
        const open = indexedDB.open('readmark');
        let missing = false;
        open.onupgradeneeded = () => {
          missing = true;
          open.transaction?.abort();
        };
        open.onerror = () =>
          missing ? resolve({ articles: [], contents: [], highlights: [] }) : reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['articles', 'contents', 'highlights'], 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of ['articles', 'contents', 'highlights']) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              out[name] = request.result;
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out as unknown as LibraryRecords);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The checks of utils/storage checkIntegrity that a fault could break, over raw records. */
export function integrityOf(records: LibraryRecords) {
  const articleIds = new Set(records.articles.map((a) => a.id));
  const contentIds = new Set(records.contents.map((c) => c.articleId));
  return {
    partialArticles: [
      ...[...articleIds].filter((id) => !contentIds.has(id)),
      ...[...contentIds].filter((id) => !articleIds.has(id)),
    ],
    highlightsWithoutArticle: records.highlights.filter((h) => !articleIds.has(h.articleId)).map((h) => h.id),
  };
}

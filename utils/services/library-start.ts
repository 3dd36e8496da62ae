import { type LibraryStart, readLibraryStart } from '@/utils/storage';

/** Where the library's first script leaves its read for the library's entry module. */
const START = Symbol.for('readmark.libraryStart');
type WithStart = typeof globalThis & { [START]?: Promise<LibraryStart | null> };

/**
 * Starts reading what the library shows first (readLibraryStart: the first screen and the summary
 * snapshot, raw, in one transaction): the library's first script (entrypoints/library-start.ts, a
 * classic script that runs while library.html is parsed) calls it, so the browser's storage
 * process reads while the page's modules load. Its result is left for the entry (takeLibraryStart).
 */
export function startLibraryRead(): Promise<LibraryStart | null> {
  // Marks read by `npm run bench:library` (performance marks cost nothing measurable).
  performance.mark('rm:library-read-start');
  const read = readLibraryStart(indexedDB).catch(() => null);
  void read.then((start) =>
    start?.snapshot.then(
      (snapshot) => performance.mark('rm:library-read-end', { detail: { snapshot: snapshot !== null } }),
      () => undefined,
    ),
  );
  (globalThis as WithStart)[START] = read;
  return read;
}

/** The read the library's first script started (once), or null where it did not run. */
export function takeLibraryStart(): Promise<LibraryStart | null> | null {
  const scope = globalThis as WithStart;
  const start = scope[START] ?? null;
  delete scope[START];
  return start;
}

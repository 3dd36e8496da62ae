/** Progress and cancellation for the functions that walk a whole library. */
export interface ProgressOptions {
  /** Called after each chunk with the number of items done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it makes the function return `{ ok: false }` with nothing partial. */
  signal?: AbortSignal;
}

/** Items handled between two yields: small enough to keep a page responsive, big enough to stay fast. */
const CHUNK = 200;

/**
 * Calls `visit` on every item, yielding to the event loop between chunks so a UI can repaint and
 * cancel. Returns false when the signal aborted (the caller then discards what it built).
 */
export async function forEachChunked<T>(
  items: readonly T[],
  visit: (item: T, index: number) => void,
  options: ProgressOptions = {},
): Promise<boolean> {
  const { onProgress, signal } = options;
  for (let start = 0; start < items.length; start += CHUNK) {
    if (signal?.aborted) return false;
    const end = Math.min(items.length, start + CHUNK);
    for (let i = start; i < end; i++) visit(items[i] as T, i);
    onProgress?.(end, items.length);
    // setTimeout exists in pages, workers and Node alike (scheduler.yield does not).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return !signal?.aborted;
}

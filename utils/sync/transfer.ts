/** What body and picture transfers share: bounded parallelism and the missing-file scan. */

/** Transfers at once: enough to hide round trips, few enough for a small server. */
const TRANSFER_CONCURRENCY = 4;

/**
 * Run `task` over `items`, `concurrency` (four) at a time; the first failure fails the whole, once
 * the tasks already started have ended and no new one started: a failed run leaves nothing running
 * behind it, to store a file while the next run fetches the same one.
 */
export async function inParallel<T>(
  items: T[],
  task: (item: T) => Promise<void>,
  concurrency = TRANSFER_CONCURRENCY,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      try {
        await task(items[next++] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/**
 * The hashes not stored here, asked 200 at a time rather than one after another: at 10,000
 * articles the one-by-one scan was a large part of each body run.
 */
export async function missing(hashes: Iterable<string>, has: (hash: string) => Promise<boolean>) {
  const all = [...hashes];
  const wanted: string[] = [];
  for (let at = 0; at < all.length; at += 200) {
    const chunk = all.slice(at, at + 200);
    const present = await Promise.all(chunk.map(has));
    chunk.forEach((hash, i) => {
      if (!present[i]) wanted.push(hash);
    });
  }
  return wanted;
}

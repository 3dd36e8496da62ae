/**
 * A message a reader can act on for a failed write. Quota errors often arrive as the `inner` of
 * a Dexie AbortError (the transaction aborted because a request inside it ran out of space).
 */
export function describeStorageError(error: unknown): string {
  if (isQuotaError(error)) {
    return 'Your browser has no storage space left for Readmark. Free some disk space or delete old articles, then try again. Nothing was saved.';
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Readmark could not write to its database (${message}). Nothing was saved.`;
}

export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    e = (e as { inner?: unknown }).inner;
  }
  return false;
}

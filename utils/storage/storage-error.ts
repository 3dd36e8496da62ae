import { type AppError, describeThrown } from '@/utils/model';

/**
 * What a failed write means for the reader. Quota errors often arrive as the `inner` of a Dexie
 * AbortError (the transaction aborted because a request inside it ran out of space).
 */
export function storageError(error: unknown): AppError {
  if (isQuotaError(error)) return { code: 'storage-full' };
  return { code: 'storage-failed', data: { detail: describeThrown(error) } };
}

export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    e = (e as { inner?: unknown }).inner;
  }
  return false;
}

import { expect, test } from 'vitest';
import { isQuotaError, storageError } from '@/utils/storage';

test('a quota error is recognised directly and as the inner error of an AbortError', () => {
  const quota = new DOMException('full', 'QuotaExceededError');
  const abort = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
  expect(isQuotaError(quota)).toBe(true);
  expect(isQuotaError(abort)).toBe(true);
  expect(isQuotaError(new Error('other'))).toBe(false);
  expect(storageError(abort)).toEqual({ code: 'storage-full' });
  expect(storageError(new Error('disk on fire'))).toEqual({
    code: 'storage-failed',
    data: { detail: 'disk on fire' },
  });
});

import { expect, test } from 'vitest';
import { describeStorageError, isQuotaError } from '@/utils/storage';

test('a quota error is recognised directly and as the inner error of an AbortError', () => {
  const quota = new DOMException('full', 'QuotaExceededError');
  const abort = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
  expect(isQuotaError(quota)).toBe(true);
  expect(isQuotaError(abort)).toBe(true);
  expect(isQuotaError(new Error('other'))).toBe(false);
  expect(describeStorageError(abort)).toMatch(/no storage space left/);
  expect(describeStorageError(new Error('disk on fire'))).toMatch(/disk on fire.*Nothing was saved/);
});

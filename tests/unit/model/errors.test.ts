import { describe, expect, test } from 'vitest';
import {
  CodedError,
  decodeError,
  ERROR_CODES,
  encodeError,
  err,
  errorFromThrown,
  fail,
  isErrorCode,
} from '@/utils/model';

describe('errors are codes with data', () => {
  test('err builds a failed Result with the code and, when the code has some, its data', () => {
    expect(err('cancelled')).toEqual({ ok: false, error: { code: 'cancelled' } });
    expect(err('page-too-large', { megabytes: 10 })).toEqual({
      ok: false,
      error: { code: 'page-too-large', data: { megabytes: 10 } },
    });
    expect(fail({ code: 'note-gone' })).toEqual({ ok: false, error: { code: 'note-gone' } });
  });

  test('a thrown CodedError keeps its code; anything else becomes the fallback with its text', () => {
    const thrown = new CodedError({ code: 'no-article-text' }, 'No article text was found on this page.');
    expect(thrown.message).toBe('No article text was found on this page.');
    expect(errorFromThrown(thrown, 'extract-failed')).toEqual({ code: 'no-article-text' });
    expect(errorFromThrown(new Error('boom'), 'extract-failed')).toEqual({
      code: 'extract-failed',
      data: { detail: 'boom' },
    });
    expect(errorFromThrown('plain')).toEqual({ code: 'unexpected', data: { detail: 'plain' } });
  });

  test('the list of codes is the union, with no duplicates, and only codes pass isErrorCode', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toContain('page-too-large');
    expect(isErrorCode('page-too-large')).toBe(true);
    expect(isErrorCode('The page did not answer.')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  test('an error stored as text comes back the same, cut short; older plain text is not an error', () => {
    const error = { code: 'site-unreachable', data: { detail: 'x'.repeat(5_000) } } as const;
    const stored = encodeError(error);
    expect(stored.length).toBeLessThan(1_024);
    expect(decodeError(stored)).toEqual({ code: 'site-unreachable', data: { detail: 'x'.repeat(300) } });
    expect(decodeError(encodeError({ code: 'cancelled' }))).toEqual({ code: 'cancelled' });
    expect(decodeError('the site answered 404')).toBeNull();
    expect(decodeError('{"code":"no-such-code"}')).toBeNull();
    expect(decodeError('{"code":"site-status","data":"404"}')).toBeNull();
  });
});

import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { sendToBackground, sendToTab } from '@/utils/messaging';

afterEach(() => vi.restoreAllMocks());

// A failed answer crosses a process boundary: only a known code with short data is believed.
describe('answers carry error codes, never text', () => {
  test('a known code and its data pass through', async () => {
    const answer = { ok: false, error: { code: 'highlight-gone' } };
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(answer as never);
    expect(await sendToTab(1, 'scrollToHighlight', { id: 'h' })).toEqual(answer);
    const withData = { ok: false, error: { code: 'image-status', data: { status: 404 } } };
    vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(withData as never);
    expect(await sendToBackground('ping', {})).toEqual(withData);
  });

  test.each([
    ['English text', 'This highlight no longer exists.'],
    ['an unknown code', { code: 'drop-tables' }],
    ['data that is not a record of short values', { code: 'image-status', data: { status: { nested: 1 } } }],
    ['extra keys', { code: 'highlight-gone', message: 'Ce surlignage…' }],
  ])('%s becomes no-answer', async (_label, error) => {
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, error } as never);
    expect(await sendToTab(1, 'scrollToHighlight', { id: 'h' })).toEqual({
      ok: false,
      error: { code: 'no-answer' },
    });
  });

  test('a page that does not answer is page-no-answer with the browser’s reason', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    expect(await sendToTab(1, 'capture', {})).toEqual({
      ok: false,
      error: { code: 'page-no-answer', data: { detail: 'Receiving end does not exist.' } },
    });
  });
});

describe('a bound on the wait', () => {
  test('a message the background never answers is background-no-answer once the bound passes', async () => {
    vi.useFakeTimers();
    try {
      vi.spyOn(browser.runtime, 'sendMessage').mockReturnValue(new Promise(() => {}) as never);
      const answer = sendToBackground('ping', {}, { timeoutMs: 30_000 });
      await vi.advanceTimersByTimeAsync(29_999);
      let settled = false;
      void answer.then(() => {
        settled = true;
      });
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await answer).toEqual({
        ok: false,
        error: { code: 'background-no-answer', data: { detail: 'no answer within 30 s' } },
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

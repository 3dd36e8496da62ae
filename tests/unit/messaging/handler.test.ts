import * as v from 'valibot';
import { describe, expect, test, vi } from 'vitest';
import {
  classifySender,
  createHandler,
  downloadSenders,
  type SenderInfo,
  toBackgroundDownloads,
} from '@/utils/messaging';
import { ok } from '@/utils/model';

const self = { id: 'readmark-id', origin: 'chrome-extension://readmark-id' };
const fromPage: SenderInfo = { id: 'readmark-id', url: 'https://news.example/a', tab: { id: 3 } };
const fromPopup: SenderInfo = { id: 'readmark-id', url: 'chrome-extension://readmark-id/popup.html' };
const fromOtherExtension: SenderInfo = { id: 'evil-id', url: 'chrome-extension://evil-id/x.html' };

function makeHandler() {
  const echo = vi.fn(async (payload: { text: string }) => ok(payload.text.toUpperCase()));
  const wipe = vi.fn(async () => ok('wiped'));
  const handle = createHandler(
    {
      schemas: { echo: v.strictObject({ text: v.string() }), wipe: v.strictObject({}) },
      allowed: { echo: ['page', 'extension'], wipe: ['extension'] },
      handlers: { echo, wipe },
    },
    self,
  );
  return { handle, echo, wipe };
}

describe('classifySender', () => {
  test('tells our content scripts, our pages and strangers apart', () => {
    expect(classifySender(fromPage, self)).toBe('page');
    expect(classifySender(fromPopup, self)).toBe('extension');
    expect(classifySender(fromOtherExtension, self)).toBe('foreign');
    expect(classifySender({ id: 'readmark-id' }, self)).toBe('foreign');
  });
});

describe('createHandler', () => {
  test('a valid message from an allowed sender reaches its handler', async () => {
    const { handle, echo } = makeHandler();
    expect(await handle({ type: 'echo', payload: { text: 'hi' } }, fromPage)).toEqual({
      ok: true,
      value: 'HI',
    });
    expect(echo).toHaveBeenCalledOnce();
  });

  test.each([
    [
      'a foreign extension',
      { type: 'echo', payload: { text: 'hi' } },
      fromOtherExtension,
      { code: 'message-not-allowed', data: { type: 'echo' } },
    ],
    [
      'a content script calling an extension-only action',
      { type: 'wipe', payload: {} },
      fromPage,
      { code: 'message-not-allowed', data: { type: 'wipe' } },
    ],
    [
      'a wrong payload type',
      { type: 'echo', payload: { text: 42 } },
      fromPopup,
      { code: 'message-invalid', data: { type: 'echo', detail: expect.stringMatching(/^text:/) } },
    ],
    [
      'a missing field',
      { type: 'echo', payload: {} },
      fromPopup,
      { code: 'message-invalid', data: { type: 'echo' } },
    ],
    [
      'an extra field',
      { type: 'echo', payload: { text: 'a', admin: true } },
      fromPopup,
      { code: 'message-invalid', data: { type: 'echo' } },
    ],
    [
      'an unknown type',
      { type: 'drop-tables', payload: {} },
      fromPopup,
      { code: 'message-unknown', data: { type: 'drop-tables' } },
    ],
    [
      'a prototype key as type',
      { type: '__proto__', payload: {} },
      fromPopup,
      { code: 'message-unknown', data: { type: '__proto__' } },
    ],
    ['not an envelope', 'echo', fromPopup, { code: 'message-malformed' }],
    [
      'an envelope with extra keys',
      { type: 'echo', payload: { text: 'a' }, x: 1 },
      fromPopup,
      { code: 'message-malformed' },
    ],
  ])('rejects %s before any handler runs', async (_name, message, sender, error) => {
    const { handle, echo, wipe } = makeHandler();
    const result = await handle(message, sender);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject(error);
    expect(echo).not.toHaveBeenCalled();
    expect(wipe).not.toHaveBeenCalled();
  });

  test('a handler that throws answers with an error value instead', async () => {
    const handle = createHandler(
      {
        schemas: { boom: v.strictObject({}) },
        allowed: { boom: ['extension'] },
        handlers: {
          boom: async () => {
            throw new Error('kaput');
          },
        },
      },
      self,
    );
    expect(await handle({ type: 'boom', payload: {} }, fromPopup)).toEqual({
      ok: false,
      error: { code: 'unexpected', data: { detail: 'kaput' } },
    });
  });
});

describe('downloadImported (the library starting the background download queue)', () => {
  function downloadHandler() {
    const downloadImported = vi.fn(async () => ok(true as const));
    const handle = createHandler(
      { schemas: toBackgroundDownloads, allowed: downloadSenders, handlers: { downloadImported } },
      self,
    );
    return { handle, downloadImported };
  }

  test('only our own pages may start it, with a boolean retryFailed and nothing else', async () => {
    const { handle, downloadImported } = downloadHandler();
    const message = { type: 'downloadImported', payload: { retryFailed: true } };
    expect(await handle(message, fromPage)).toMatchObject({
      ok: false,
      error: { code: 'message-not-allowed' },
    });
    expect(await handle(message, fromOtherExtension)).toMatchObject({ ok: false });
    expect(
      await handle({ type: 'downloadImported', payload: { retryFailed: 'yes' } }, fromPopup),
    ).toMatchObject({
      ok: false,
      error: { code: 'message-invalid', data: { detail: expect.stringContaining('retryFailed') } },
    });
    expect(
      await handle(
        { type: 'downloadImported', payload: { retryFailed: false, urls: ['https://x.example/'] } },
        fromPopup,
      ),
    ).toMatchObject({ ok: false });
    expect(downloadImported).not.toHaveBeenCalled();
    expect(await handle(message, fromPopup)).toEqual(ok(true));
    expect(downloadImported).toHaveBeenCalledWith({ retryFailed: true }, fromPopup, 'extension');
  });
});

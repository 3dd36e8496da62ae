import { describe, expect, test, vi } from 'vitest';
import { answerInProcess, offscreenInProcess } from '@/utils/messaging';
import { ok } from '@/utils/model';
import { capture, offscreenHandler, preview, self, ticket } from '../../support/offscreen-handler';

// In Chrome the popup and the offscreen document run in the extension's one renderer process:
// the popup finds the document's window (extension.getViews) and hands it the capture there,
// checked by the same handler as on the channel.

/** The offscreen document's window, as entrypoints/offscreen/main.ts sets it up. */
function offscreenDocument(offscreenPreview?: Parameters<typeof offscreenHandler>[0]) {
  const made = offscreenHandler(offscreenPreview);
  const view = {};
  answerInProcess(made.handle, self, view);
  return { view, offscreenPreview: made.offscreenPreview };
}

describe('the offscreen document in the popup’s process', () => {
  test('found among the views, it answers with its handler, the payload checked and the sender ours', async () => {
    const { view, offscreenPreview } = offscreenDocument();
    const send = offscreenInProcess(() => [{}, view]);
    expect(send).not.toBeNull();
    expect(await send!('offscreenPreview', { capture }, 5_000)).toEqual(
      ok({ preview, ticket, timing: null }),
    );
    expect(offscreenPreview).toHaveBeenCalledWith(
      { capture },
      { id: self.id, url: `${self.origin}/` },
      'extension',
    );
  });

  test('a payload the schema refuses never reaches the handler', async () => {
    const { view, offscreenPreview } = offscreenDocument();
    const answer = await offscreenInProcess(() => [view])!(
      'offscreenPreview',
      { capture: { ...capture, url: 'not a url' } },
      5_000,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'message-invalid' } });
    expect(offscreenPreview).not.toHaveBeenCalled();
  });

  test('no document among the views (Firefox, none yet, another process): none, and the caller uses the channel', () => {
    expect(offscreenInProcess(() => [])).toBeNull();
    expect(offscreenInProcess(() => [{}, { readmarkOffscreen: 'not a function' }])).toBeNull();
    expect(
      offscreenInProcess(() => {
        throw new Error('getViews is not available here');
      }),
    ).toBeNull();
  });

  test('a document that never answers, or throws, is told as no answer', async () => {
    const { view: silent } = offscreenDocument(vi.fn(() => new Promise<never>(() => {})));
    expect(await offscreenInProcess(() => [silent])!('offscreenPreview', { capture }, 50)).toMatchObject({
      ok: false,
      error: { code: 'offscreen-no-answer' },
    });
    const torn = {
      readmarkOffscreen: () => {
        throw new Error('the window is gone');
      },
    };
    expect(await offscreenInProcess(() => [torn])!('offscreenPreview', { capture }, 5_000)).toMatchObject({
      ok: false,
      error: { code: 'offscreen-no-answer', data: { detail: 'the window is gone' } },
    });
  });
});

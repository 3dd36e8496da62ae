import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  answerOnOffscreenChannel,
  createHandler,
  OFFSCREEN_CHANNEL,
  offscreenSenders,
  sendToOffscreenChannel,
  toOffscreen,
} from '@/utils/messaging';
import { err, ok } from '@/utils/model';
import { previewOf } from '@/utils/services';
import { makeExtracted } from '../../support/articles';

// The popup's message to the offscreen document goes over a BroadcastChannel (no runtime message,
// which would first start a stopped service worker); the document answers it with its one handler.

const self = { id: 'readmark-id', origin: 'chrome-extension://readmark-id' };
const capture = { url: 'https://news.example/bridge', title: 'Bridge', html: '<p>The council voted.</p>' };
const preview = previewOf(makeExtracted({ title: 'Bridge' }));
const ticket = crypto.randomUUID();
const open: BroadcastChannel[] = [];

/** The offscreen document's side, as entrypoints/offscreen/main.ts sets it up. */
function offscreenDocument() {
  const extract = vi.fn(async () => ok({ preview, ticket, timing: null }));
  const handle = createHandler(
    {
      schemas: toOffscreen,
      allowed: offscreenSenders,
      handlers: {
        offscreenPreview: extract,
        offscreenExtract: async () => err('extract-failed', { detail: 'not over the channel' }),
        offscreenComplete: async () => err('offscreen-no-answer', { detail: 'nothing held' }),
      },
    },
    self,
  );
  open.push(answerOnOffscreenChannel(handle, self));
  return extract;
}

afterEach(() => {
  for (const channel of open.splice(0)) channel.close();
});

describe('the offscreen document over its channel', () => {
  test('the document answers the extraction with its handler, the payload checked', async () => {
    const extract = offscreenDocument();
    expect(await sendToOffscreenChannel('offscreenPreview', { capture }, 5_000)).toEqual({
      ok: true,
      value: { preview, ticket, timing: null },
    });
    expect(extract).toHaveBeenCalledWith({ capture }, expect.anything(), 'extension');
  });

  test('a payload the schema refuses never reaches the handler', async () => {
    const extract = offscreenDocument();
    const answer = await sendToOffscreenChannel(
      'offscreenPreview',
      { capture: { ...capture, url: 'not a url' } },
      5_000,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'message-invalid' } });
    expect(extract).not.toHaveBeenCalled();
  });

  test('posts that are not requests, or not the document’s messages, are not answered', async () => {
    offscreenDocument();
    const listener = new BroadcastChannel(OFFSCREEN_CHANNEL);
    open.push(listener);
    const heard: unknown[] = [];
    listener.onmessage = (event) => heard.push(event.data);
    const poster = new BroadcastChannel(OFFSCREEN_CHANNEL);
    open.push(poster);
    poster.postMessage({ id: 'a', message: { type: 'ping', payload: {} } });
    poster.postMessage('hello');
    poster.postMessage({ id: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Only the three posts themselves: no acknowledgement, no answer.
    expect(heard).toHaveLength(3);
  });

  test('no document: the sender is told there was no answer, soon', async () => {
    const answer = await sendToOffscreenChannel('offscreenPreview', { capture }, 5_000);
    expect(answer).toMatchObject({ ok: false, error: { code: 'offscreen-no-answer' } });
  });
});

import { afterEach, describe, expect, test } from 'vitest';
import { answerOnOffscreenChannel, OFFSCREEN_CHANNEL, sendToOffscreenChannel } from '@/utils/messaging';
import { capture, offscreenHandler, preview, self, ticket } from '../../support/offscreen-handler';

// The popup's message to the offscreen document goes over a BroadcastChannel (no runtime message,
// which would first start a stopped service worker); the document answers it with its one handler.

const open: BroadcastChannel[] = [];

/** The offscreen document's side, as entrypoints/offscreen/main.ts sets it up. */
function offscreenDocument() {
  const { handle, offscreenPreview } = offscreenHandler();
  open.push(answerOnOffscreenChannel(handle, self));
  return offscreenPreview;
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

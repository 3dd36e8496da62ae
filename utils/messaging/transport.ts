import * as v from 'valibot';
import { type Browser, browser } from 'wxt/browser';
import { type AppError, describeThrown, type ErrorCode, err, fail, type Result } from '@/utils/model';
import type { MessageHandler } from './handler';
import type {
  BackgroundAnswers,
  BackgroundDownloadAnswers,
  BackgroundNoteAnswers,
  ContentAnswers,
  ContentNoteAnswers,
  OffscreenAnswers,
  ToBackground,
  ToBackgroundDownloads,
  ToBackgroundNotes,
  ToContent,
  ToContentNotes,
  ToOffscreen,
} from './protocol';
import { errorAnswer } from './protocol';

/** Our own identity, for sender checks. */
export function currentSelf() {
  return { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
}

/**
 * Answers the messages `handle` accepts with its Result (sendResponse + `return true` works in
 * every browser) and stays silent on the rest, which belong to another context. Answers the
 * function that stops listening (a content script's copy that a newer injection replaced).
 */
export function listen(handle: MessageHandler): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (answer: unknown) => void,
  ) => {
    if (!handle.accepts(message)) return false;
    handle(message, sender).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Sends a message to the background; transport failures come back as error values. */
export async function sendToBackground<K extends keyof ToBackground>(
  type: K,
  payload: ToBackground[K],
  options: { timeoutMs?: number } = {},
): Promise<Result<BackgroundAnswers[K]>> {
  return request({ type, payload }, 'background-no-answer', options.timeoutMs);
}

/** Sends a message to the content script in a tab; "no receiving end" comes back as an error value. */
export async function sendToTab<K extends keyof ToContent>(
  tabId: number,
  type: K,
  payload: ToContent[K],
): Promise<Result<ContentAnswers[K]>> {
  try {
    return asResult(await browser.tabs.sendMessage(tabId, { type, payload }));
  } catch (error) {
    return err('page-no-answer', { detail: describeThrown(error) });
  }
}

/** An answer as a Result; a failure whose error is not a known code (an older copy of Readmark) is 'no-answer'. */
function asResult<T>(answer: unknown): Result<T> {
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) return err('no-answer');
  if (answer.ok) return answer as Result<T>;
  const error = v.safeParse(errorAnswer, (answer as { error?: unknown }).error);
  return error.success ? fail(error.output as AppError) : err('no-answer');
}

/** Sends a message to the offscreen document (Chrome), where extraction has a DOM and a Worker. */
export async function sendToOffscreen<K extends keyof ToOffscreen>(
  type: K,
  payload: ToOffscreen[K],
): Promise<Result<OffscreenAnswers[K]>> {
  return request({ type, payload }, 'offscreen-no-answer');
}

/** One runtime message to the extension's own contexts; transport failures come back as error values. */
function request<T>(
  message: { type: string; payload: unknown },
  failure: Extract<ErrorCode, 'background-no-answer' | 'offscreen-no-answer'>,
  timeoutMs?: number,
): Promise<Result<T>> {
  // A worker stopped at the wrong moment can leave a message neither answered nor rejected (seen in
  // the worker-kill suite): with a bound, the sender is told instead of waiting for ever.
  const silence = `no answer within ${(timeoutMs ?? 0) / 1000} s`;
  return answerWithin(() => browser.runtime.sendMessage(message), failure, timeoutMs, silence);
}

/**
 * What `ask` answers, as a Result; a throw, a rejection, or no answer within `timeoutMs` (none:
 * unbounded; `silence` says it) comes back as `failure`.
 */
async function answerWithin<T>(
  ask: () => unknown,
  failure: Extract<ErrorCode, 'background-no-answer' | 'offscreen-no-answer'>,
  timeoutMs: number | undefined,
  silence: string,
): Promise<Result<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    if (timeoutMs !== undefined) timer = setTimeout(() => reject(new Error(silence)), timeoutMs);
  });
  try {
    return asResult(await Promise.race([ask(), bound]));
  } catch (error) {
    return err(failure, { detail: describeThrown(error) });
  } finally {
    clearTimeout(timer);
  }
}

/** The note-editor messages to the background (kept apart from toBackground: see protocol.ts). */
export function sendNoteMessage<K extends keyof ToBackgroundNotes>(
  type: K,
  payload: ToBackgroundNotes[K],
): Promise<Result<BackgroundNoteAnswers[K]>> {
  return request({ type, payload }, 'background-no-answer');
}

/** Tells the content script in a tab's main frame that its note editor is done. */
export async function sendNoteDone(
  tabId: number,
  payload: ToContentNotes['noteDone'],
): Promise<Result<ContentNoteAnswers['noteDone']>> {
  try {
    return asResult(await browser.tabs.sendMessage(tabId, { type: 'noteDone', payload }, { frameId: 0 }));
  } catch (error) {
    return err('page-no-answer', { detail: describeThrown(error) });
  }
}

/** Asks the background to run the imported-article download queue (kept apart from toBackground: see protocol.ts). */
export function sendDownloadMessage<K extends keyof ToBackgroundDownloads>(
  type: K,
  payload: ToBackgroundDownloads[K],
): Promise<Result<BackgroundDownloadAnswers[K]>> {
  return request({ type, payload }, 'background-no-answer');
}

/**
 * The offscreen document's messages from an extension page over a BroadcastChannel instead of a
 * runtime message. A runtime message also wakes a stopped service worker, and Chrome waits for it
 * to start before the document gets the message (78-131 ms p50 in npm run bench:preview with the
 * worker stopped, README fifth round); a channel reaches only same-origin documents, so only our
 * own extension pages can post on it (content scripts live in the page's origin).
 */
export const OFFSCREEN_CHANNEL = 'readmark-offscreen';

/** The document acknowledges a request at once: no acknowledgement this soon means no document. */
const CHANNEL_ACK_MS = 2_000;

type ChannelPost =
  | { id: string; message: { type: string; payload: unknown } }
  | { id: string; ack: true }
  | { id: string; answer: unknown };

/**
 * Sends an offscreen message over the channel; answers as sendToOffscreen does, with
 * 'offscreen-no-answer' when no document acknowledged it or none answered within `answerMs`.
 */
export function sendToOffscreenChannel<K extends keyof ToOffscreen>(
  type: K,
  payload: ToOffscreen[K],
  answerMs: number,
): Promise<Result<OffscreenAnswers[K]>> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(OFFSCREEN_CHANNEL);
    const id = crypto.randomUUID();
    const finish = (result: Result<OffscreenAnswers[K]>) => {
      clearTimeout(bound);
      channel.close();
      resolve(result);
    };
    const noAnswer = (detail: string) => () => finish(err('offscreen-no-answer', { detail }));
    let bound = setTimeout(noAnswer('no offscreen document acknowledged the message'), CHANNEL_ACK_MS);
    channel.onmessage = (event: MessageEvent<ChannelPost>) => {
      const post = event.data;
      if (post?.id !== id) return;
      if ('ack' in post) {
        clearTimeout(bound);
        bound = setTimeout(noAnswer('the offscreen document did not answer'), answerMs);
      } else if ('answer' in post) finish(asResult(post.answer));
    };
    channel.postMessage({ id, message: { type, payload } } satisfies ChannelPost);
  });
}

/**
 * The offscreen document's side: answers requests on the channel with `handle`, as sent by one
 * of our extension pages (the only senders a same-origin channel can have).
 */
export function answerOnOffscreenChannel(
  handle: MessageHandler,
  self: { id: string; origin: string },
): BroadcastChannel {
  const channel = new BroadcastChannel(OFFSCREEN_CHANNEL);
  channel.onmessage = async (event: MessageEvent<ChannelPost>) => {
    const post = event.data;
    if (!post || typeof post.id !== 'string' || !('message' in post)) return;
    if (!handle.accepts(post.message)) return;
    channel.postMessage({ id: post.id, ack: true } satisfies ChannelPost);
    // Which of our pages sent it the channel does not say; that it is one of ours is all it can be.
    const answer = await handle(post.message, { id: self.id, url: `${self.origin}/` });
    channel.postMessage({ id: post.id, answer } satisfies ChannelPost);
  };
  return channel;
}

/** A way to send the offscreen document its messages, answering as sendToOffscreen does. */
export type OffscreenSend = <K extends keyof ToOffscreen>(
  type: K,
  payload: ToOffscreen[K],
  answerMs: number,
) => Promise<Result<OffscreenAnswers[K]>>;

/** The name under which the offscreen document offers its handler to our pages in its process. */
const IN_PROCESS = 'readmarkOffscreen';

type InProcessAnswer = (message: { type: string; payload: unknown }) => Promise<unknown>;

/**
 * The offscreen document's side of offscreenInProcess: offers `handle` on its window, where only
 * same-origin pages, our own extension pages, can reach it (a web page's scripts and our content
 * scripts have no reference to this window). The handler checks every message as on the channel.
 */
export function answerInProcess(
  handle: MessageHandler,
  self: { id: string; origin: string },
  scope: object = globalThis,
): void {
  const answer: InProcessAnswer = (message) => handle(message, { id: self.id, url: `${self.origin}/` });
  Object.defineProperty(scope, IN_PROCESS, { value: answer, configurable: true });
}

/**
 * The offscreen document when it runs in this page's renderer process (Chrome puts an extension's
 * pages in one process), reached through `extension.getViews` without a message: the capture is
 * handed over as a reference on the thread both pages share, where the channel copied it into the
 * browser process and back (README, preview speed, ninth round). Null where there is none: Firefox,
 * no document yet, one still loading, or one in another process; the caller then uses the channel.
 */
export function offscreenInProcess(
  views: () => readonly object[] = () => browser.extension?.getViews?.() ?? [],
): OffscreenSend | null {
  let answer: unknown;
  try {
    answer = views()
      .map((view) => (view as { [IN_PROCESS]?: unknown })[IN_PROCESS])
      .find((found) => typeof found === 'function');
  } catch {
    return null;
  }
  if (typeof answer !== 'function') return null;
  const ask = answer as InProcessAnswer;
  // A document closed meanwhile may never settle what it was asked: bounded like the channel. A
  // throw from the document's side (a window being torn down) is answered like a silence.
  return (type, payload, answerMs) =>
    answerWithin(
      () => ask({ type, payload }),
      'offscreen-no-answer',
      answerMs,
      'the offscreen document did not answer',
    );
}

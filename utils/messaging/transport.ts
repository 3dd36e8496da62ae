import { browser } from 'wxt/browser';
import { err, type Result } from '@/utils/model';
import type { MessageHandler } from './handler';
import type {
  BackgroundAnswers,
  ContentAnswers,
  OffscreenAnswers,
  ToBackground,
  ToContent,
  ToOffscreen,
} from './protocol';

/** Our own identity, for sender checks. */
export function currentSelf() {
  return { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
}

/**
 * Answers the messages `handle` accepts with its Result (sendResponse + `return true` works in
 * every browser) and stays silent on the rest, which belong to another context.
 */
export function listen(handle: MessageHandler) {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!handle.accepts(message)) return false;
    handle(message, sender).then(sendResponse);
    return true;
  });
}

/** Sends a message to the background; transport failures come back as error values. */
export async function sendToBackground<K extends keyof ToBackground>(
  type: K,
  payload: ToBackground[K],
): Promise<Result<BackgroundAnswers[K]>> {
  try {
    return asResult(await browser.runtime.sendMessage({ type, payload }));
  } catch (error) {
    return err(`Readmark's background did not answer (${describe(error)}).`);
  }
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
    return err(`The page did not answer (${describe(error)}).`);
  }
}

function asResult<T>(answer: unknown): Result<T> {
  if (answer && typeof answer === 'object' && 'ok' in answer) return answer as Result<T>;
  return err('No answer came back.');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sends a message to the offscreen document (Chrome), where extraction has a DOM and a Worker. */
export async function sendToOffscreen<K extends keyof ToOffscreen>(
  type: K,
  payload: ToOffscreen[K],
): Promise<Result<OffscreenAnswers[K]>> {
  try {
    return asResult(await browser.runtime.sendMessage({ type, payload }));
  } catch (error) {
    return err(`Readmark's extraction page did not answer (${describe(error)}).`);
  }
}

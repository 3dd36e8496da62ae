// @vitest-environment jsdom
// jsdom: happy-dom's Document fails the painter's `instanceof Document` check.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { runPageAnnotations } from '@/components/toolbar';
import type { PageHighlight, PageHighlights } from '@/utils/messaging';
import { DEFAULT_COLOR_NAMES, ok } from '@/utils/model';

// The background answers with the highlights of the page the tab shows at the time it is asked
// (the sender's tab URL): here, the document's address when the message is sent.
const answers = vi.hoisted(() => ({ byPath: new Map<string, unknown>(), asked: [] as string[] }));
vi.mock('@/utils/messaging', async (original) => ({
  ...(await original<typeof import('@/utils/messaging')>()),
  sendToBackground: vi.fn(async (type: string) => {
    if (type !== 'pageHighlights') throw new Error(`unexpected ${type}`);
    answers.asked.push(location.pathname);
    return ok(
      answers.byPath.get(location.pathname) ?? {
        article: null,
        highlights: [],
        colorNames: DEFAULT_COLOR_NAMES,
      },
    );
  }),
}));

const highlightOf = (id: string, exact: string): PageHighlight => ({
  id,
  articleId: `article-${id}`,
  color: 'yellow',
  quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  hasNote: false,
});
const pageOf = (id: string, exact: string): PageHighlights => ({
  article: { id: `article-${id}`, title: id },
  highlights: [highlightOf(id, exact)],
  colorNames: DEFAULT_COLOR_NAMES,
});

/** Every listener added during a test and not taken away again (by removeEventListener or its signal). */
function listenerLedger() {
  const live: {
    target: EventTarget;
    type: string;
    listener: unknown;
    capture: boolean;
    signal?: AbortSignal;
  }[] = [];
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const captureOf = (options: unknown) =>
    typeof options === 'boolean' ? options : !!(options as { capture?: boolean } | undefined)?.capture;
  const spies = [
    vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (
      this: EventTarget,
      type,
      listener,
      options,
    ) {
      const signal = typeof options === 'object' ? options?.signal : undefined;
      live.push({ target: this, type, listener, capture: captureOf(options), signal });
      return add.call(this, type, listener, options);
    }),
    vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (
      this: EventTarget,
      type,
      listener,
      options,
    ) {
      const index = live.findIndex(
        (entry) =>
          entry.target === this &&
          entry.type === type &&
          entry.listener === listener &&
          entry.capture === captureOf(options),
      );
      if (index >= 0) live.splice(index, 1);
      return remove.call(this, type, listener, options);
    }),
  ];
  return {
    left: () => live.filter((entry) => !entry.signal?.aborted).map((entry) => entry.type),
    stop: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

const hosts = () => document.querySelectorAll('readmark-ui').length;
const newContext = () => new ContentScriptContext('content', { noScriptStartedPostMessage: true });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  history.replaceState(null, '', '/first-story');
  document.body.innerHTML =
    '<article><p>The council voted to rebuild the bridge.</p><p>Work on the second story starts in May.</p></article>';
  answers.byPath.clear();
  answers.asked.length = 0;
});
afterEach(() => {
  for (const host of document.querySelectorAll('readmark-ui')) host.remove();
});

test('invalidation unmounts the UI: no host, no listener and no paint are left', async () => {
  answers.byPath.set('/first-story', pageOf('a', 'rebuild the bridge'));
  const ledger = listenerLedger();
  const ctx = newContext();
  const { annotations } = runPageAnnotations(ctx, document);
  await vi.waitFor(() => expect(annotations.isAnchored('a')).toBe(true));
  expect(hosts()).toBe(1);
  expect(ledger.left().length).toBeGreaterThan(0); // the ledger sees the UI's listeners

  ctx.notifyInvalidated();
  expect(hosts()).toBe(0);
  // Preact runs an unmounted component's effect clean-ups after the next paint, not at once.
  await vi.waitFor(() => expect(ledger.left()).toEqual([]));
  ledger.stop();
  expect(annotations.highlights).toEqual([]);
  expect(annotations.isAnchored('a')).toBe(false);
  // The host guard is gone too: nothing puts the host back.
  await settle();
  expect(hosts()).toBe(0);
});

test('a second injection replaces the first: one toolbar host, the old copy stopped', async () => {
  const first = newContext();
  runPageAnnotations(first, document);
  const second = newContext(); // WXT's context tells older copies of the same script to stop
  expect(first.isValid).toBe(false);
  runPageAnnotations(second, document);
  await settle();
  expect(hosts()).toBe(1);
  second.notifyInvalidated();
  expect(hosts()).toBe(0);
});

test('a single-page navigation drops the old page’s highlights and paints the new page’s', async () => {
  answers.byPath.set('/first-story', pageOf('a', 'rebuild the bridge'));
  answers.byPath.set('/second-story', pageOf('b', 'starts in May'));
  const ctx = newContext();
  const { annotations } = runPageAnnotations(ctx, document);
  await vi.waitFor(() => expect(annotations.isAnchored('a')).toBe(true));
  expect(annotations.articleId).toBe('article-a');

  history.pushState(null, '', '/second-story');
  // WXT watches the address (Navigation API, or a 1 s poll where it is missing, as here).
  await vi.waitFor(() => expect(annotations.isAnchored('b')).toBe(true), { timeout: 3_000 });
  expect(annotations.isAnchored('a')).toBe(false);
  expect(annotations.highlights.map((h) => h.id)).toEqual(['b']);
  expect(annotations.articleId).toBe('article-b');
  expect(answers.asked).toEqual(['/first-story', '/second-story']);
  ctx.notifyInvalidated();
});

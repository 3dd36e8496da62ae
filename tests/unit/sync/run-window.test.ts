// @vitest-environment node
// How long a run of the sync service fetches bodies (sync-run-window.ts), as the extension wires
// it (fake-indexeddb, in-process WebDAV server). Time is faked (Date only) and moves 2.6 s per
// body downloaded, so a batch of 50 "takes" 130 s: a run the reader started stops after its
// first batch (one-minute budget); a background run goes on while batches land, calling the
// keep-alive once per batch, starts none at or after five minutes, and leaves the next run to
// the "soon" alarm while bodies remain. A background run also calls the keep-alive on a timer
// from start to end (timers faked), so a merge longer than Chrome's 30 s idle timeout before any
// body is covered too.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import {
  DexieSyncStore,
  KEEP_ALIVE_EVERY_MS,
  RUN_BUDGET_MS,
  RUN_CAP_MS,
  syncHandlers,
} from '@/utils/services';
import { saveArticle } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';
import {
  expectSynced,
  library,
  newFolder,
  saveStories,
  settle,
  setUp,
  useSyncServer,
} from './service-devices';

const server = useSyncServer();

/** The alarm sync-config.ts names SYNC_ALARM_SOON. */
const SOON = 'readmark-sync-soon';
const soonAlarm = async () => (await browser.alarms.get(SOON)) ?? null;
const BODY_MS = 2_600;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('how long a sync run fetches bodies', () => {
  test('"Sync now" stops at its budget; a background run goes on while batches land and no page run waits, keeps the worker alive per batch, and stops at the cap', async () => {
    // The figures the test is built on: one batch passes the budget, three reach the cap.
    expect(50 * BODY_MS).toBeGreaterThan(RUN_BUDGET_MS);
    expect(3 * 50 * BODY_MS).toBeGreaterThanOrEqual(RUN_CAP_MS);
    expect(2 * 50 * BODY_MS).toBeLessThan(RUN_CAP_MS);

    const url = await newFolder(server.url, 'window');
    const a = library();
    await settle(a);
    await saveStories(a, 260);
    await setUp(a, url, 'Laptop');

    // The fake browser has no getPlatformInfo; the answer is never read.
    const keepAlive = vi
      .spyOn(browser.runtime, 'getPlatformInfo')
      .mockResolvedValue({ os: 'linux' } as never);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      if ((init?.method ?? 'GET') === 'GET' && String(input).includes('/blob/'))
        vi.setSystemTime(Date.now() + BODY_MS);
      return response;
    });

    // The fake browser has no background to answer; what the page asks is what counts.
    const asked = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValue({ ok: true, value: true } as never);
    const continues = () =>
      asked.mock.calls.filter((call) => (call[0] as { type?: unknown } | undefined)?.type === 'syncContinue')
        .length;

    const b = library();
    await settle(b);
    await browser.alarms.clearAll();
    // The reader's click: the whole library, one batch of bodies, then the background goes on at
    // once (the alarm half a minute later stays as the fallback).
    await setUp(b, url, 'Desktop');
    expect(await b.articles.count()).toBe(260);
    expect(await b.contents.count()).toBe(50);
    expect(keepAlive).not.toHaveBeenCalled();
    expect(continues()).toBe(1);
    expect(await soonAlarm()).not.toBeNull();

    // While a page's run waits for the run lock, a background run goes no further than its
    // budget: one batch, then the reader's "Sync now" gets its turn.
    let pageWaits = true;
    vi.stubGlobal('navigator', {
      locks: {
        request: (_name: string, work: () => Promise<unknown>) => work(),
        query: async () => ({ held: [], pending: pageWaits ? [{ name: 'readmark-sync-run' }] : [] }),
      },
    });
    await browser.alarms.clearAll();
    await expectSynced(b, { automatic: true });
    expect(await b.contents.count()).toBe(100);
    expect(keepAlive).toHaveBeenCalledTimes(1);
    expect(await soonAlarm()).not.toBeNull();

    // The alarm's run: batches start at 0, 130 and 260 s; at 390 s the cap (300 s) has come.
    pageWaits = false;
    await browser.alarms.clearAll();
    await expectSynced(b, { automatic: true });
    expect(await b.contents.count()).toBe(250);
    expect(keepAlive).toHaveBeenCalledTimes(4);
    expect(await soonAlarm()).not.toBeNull();
    // A background run leaves the rest to its alarm: it asks nobody to go on.
    expect(continues()).toBe(1);

    // The next one, started as the background answers the page's request, fetches the rest and
    // asks for no other.
    await browser.alarms.clearAll();
    expect(await syncHandlers(b).syncContinue()).toEqual({ ok: true, value: true });
    await vi.waitFor(async () => expect(await b.contents.count()).toBe(260), { timeout: 30_000 });
    await vi.waitFor(async () => expect(keepAlive).toHaveBeenCalledTimes(5));
    expect(await soonAlarm()).toBeNull();
    expect(continues()).toBe(1);
  });

  test('a background run calls the keep-alive while it merges, before any body; a page run does not', async () => {
    const url = await newFolder(server.url, 'merge');
    const a = library();
    await settle(a);
    const b = library();
    await settle(b);
    const keepAlive = vi
      .spyOn(browser.runtime, 'getPlatformInfo')
      .mockResolvedValue({ os: 'linux' } as never);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    // Every merge of received records "takes" 45 s (longer than the 30 s idle timeout).
    const commit = DexieSyncStore.prototype.commit;
    vi.spyOn(DexieSyncStore.prototype, 'commit').mockImplementation(async function (
      this: DexieSyncStore,
      change,
    ) {
      if (change.apply?.length) vi.advanceTimersByTime(45_000);
      return commit.call(this, change);
    });
    // The keep-alive calls made by the time the first body is asked for.
    let atFirstBody: number | null = null;
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if ((init?.method ?? 'GET') === 'GET' && String(input).includes('/blob/'))
        atFirstBody ??= keepAlive.mock.calls.length;
      return realFetch(input, init);
    });

    const story = async (i: number) => {
      const page = `https://news.example/${i}`;
      const saved = await saveArticle(
        a,
        makeExtracted({ url: page, canonicalUrl: page, contentHtml: `<p>Story ${i}.</p>` }),
      );
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    };
    for (const i of [1, 2, 3]) await story(i);
    await setUp(a, url, 'Laptop');
    // The reader's join, in a page: nothing to keep alive there.
    await setUp(b, url, 'Desktop');
    expect(atFirstBody).toBe(0);
    expect(keepAlive).not.toHaveBeenCalled();

    for (const i of [4, 5]) await story(i);
    await expectSynced(a);
    atFirstBody = null;
    await expectSynced(b, { automatic: true });
    expect(await b.contents.count()).toBe(5);
    // Two calls in the 45 s merge (at 20 and 40 s), before the first body batch's own call.
    expect(Math.floor(45_000 / KEEP_ALIVE_EVERY_MS)).toBe(2);
    expect(atFirstBody).toBe(2);
    // The timer ends with the run.
    const calls = keepAlive.mock.calls.length;
    vi.advanceTimersByTime(10 * KEEP_ALIVE_EVERY_MS);
    expect(keepAlive).toHaveBeenCalledTimes(calls);
  });
});

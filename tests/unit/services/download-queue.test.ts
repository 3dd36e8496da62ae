// @vitest-environment node
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extractFromHtml } from '@/utils/extraction';
import { HostThrottle, interleaveByHost, type ParsedImport, planLibraryImport } from '@/utils/import';
import { encodeError, err, ok, type Result } from '@/utils/model';
import {
  DOWNLOAD_ALARM,
  type DownloadDeps,
  downloadBatch,
  requeueFailed,
  setUpImportedDownloads,
} from '@/utils/services';
import { applyImportPlan, openDb, type ReadmarkDb } from '@/utils/storage';

const PAGE = (title: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${PROSE}</article></body></html>`;
const PROSE =
  '<p>The ferry leaves at dawn, when the harbour is still grey and the gulls have the quay to themselves.</p>' +
  '<p>Passengers wait with coffee in paper cups, and the crew coils the heavy ropes without a word.</p>' +
  '<p>By the time the sun clears the hills the boat is halfway across and nobody remembers the cold.</p>';

/** A test clock: a sleep ends at its own deadline (concurrent sleeps overlap, as real ones do). */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      const until = now + ms;
      await Promise.resolve();
      now = Math.max(now, until);
    },
  };
}

/** Fake fetch, extraction and site access; `fetched` records each request and when it was made. */
function fakeDeps(
  options: {
    page?: (url: string) => Promise<Result<{ html: string; url: string }>>;
    granted?: (pattern: string) => boolean;
  } = {},
) {
  const clock = fakeClock();
  const fetched: { url: string; at: number }[] = [];
  const deps: DownloadDeps = {
    fetchPage: (url) => {
      fetched.push({ url, at: clock.now() });
      return options.page?.(url) ?? Promise.resolve(ok({ html: PAGE(`Page ${url}`), url }));
    },
    extract: async ({ html, url }) => ok(extractFromHtml(html, { url })),
    hasAccess: async (pattern) => options.granted?.(pattern) ?? true,
    throttle: new HostThrottle(3000, clock),
    clock,
  };
  return { deps, fetched, clock };
}

const LIMITS = { size: 10, budgetMs: 60_000, concurrency: 3 };

/** A library with URL-only imported articles (as Settings → Import leaves them), the first with a highlight. */
async function libraryWithImports(urls: string[]): Promise<ReadmarkDb> {
  const db = await openDb(`downloads-${crypto.randomUUID()}`);
  const parsed: ParsedImport = {
    format: 'pocket',
    articles: urls.length,
    highlights: 1,
    notes: 0,
    tags: 0,
    skipped: [],
    items: urls.map((url, i) => ({
      url,
      canonicalUrl: url,
      title: url,
      tags: ['travel'],
      savedAt: 1_000 + i,
      archived: i === 0,
      favourite: false,
      highlights:
        i === 0
          ? [{ quote: 'the crew coils the heavy\nropes', note: 'Lovely.', createdAt: 5, tags: [] }]
          : [],
      pageNotes: [],
    })),
  };
  const plan = planLibraryImport(parsed, {
    existing: new Map(),
    extracted: new Map(),
    locate: () => null,
    now: 10_000,
  });
  const written = await applyImportPlan(db, plan, { sanitise: (html) => html });
  if (!written.ok) throw new Error(JSON.stringify(written.error));
  return db;
}

const byUrl = (db: ReadmarkDb, url: string) => db.articles.where('canonicalUrl').equals(url).first();
const notDownloaded = async (db: ReadmarkDb) =>
  (await db.articles.toArray()).filter((m) => m.notDownloaded === 1).map((m) => m.url);
const urlsOn = (host: string, n: number) => Array.from({ length: n }, (_, i) => `https://${host}/${i}`);

describe('background download queue', () => {
  test('fills in the body, keeps title/tags/state, anchors the imported highlight', async () => {
    const db = await libraryWithImports(['https://a.example/ferry']);
    const { deps } = fakeDeps({ page: async (url) => ok({ html: PAGE('The dawn ferry'), url }) });
    expect(await downloadBatch(db, deps, LIMITS)).toEqual({ downloaded: 1, failed: 0, remaining: 0 });
    const ferry = (await byUrl(db, 'https://a.example/ferry'))!;
    expect(ferry).toMatchObject({ title: 'The dawn ferry', tags: ['travel'], archived: 1, savedAt: 1_000 });
    expect(ferry.notDownloaded).toBeUndefined();
    const text = (await db.contents.get(ferry.id))!.textContent;
    expect(text).toContain('the gulls have the quay to themselves');
    const [highlight] = await db.highlights.where('articleId').equals(ferry.id).toArray();
    expect(text.slice(highlight!.position.start, highlight!.position.end)).toBe(
      'the crew coils the heavy ropes',
    );
    expect(highlight!.note).toBe('Lovely.');
  });

  test('works in small batches, sites taking turns, until nothing is left', async () => {
    const urls = [...urlsOn('a.example', 12), ...urlsOn('b.example', 8), ...urlsOn('c.example', 5)];
    const db = await libraryWithImports(urls);
    const { deps, fetched } = fakeDeps();
    expect(await downloadBatch(db, deps, LIMITS)).toEqual({ downloaded: 10, failed: 0, remaining: 15 });
    // The first batch already reaches every site.
    expect(new Set(fetched.map((f) => new URL(f.url).host))).toEqual(
      new Set(['a.example', 'b.example', 'c.example']),
    );
    expect(await downloadBatch(db, deps, LIMITS)).toMatchObject({ downloaded: 10, remaining: 5 });
    expect(await downloadBatch(db, deps, LIMITS)).toMatchObject({ downloaded: 5, remaining: 0 });
    expect(fetched.map((f) => f.url).sort()).toEqual([...urls].sort());
    expect(await notDownloaded(db)).toEqual([]);
  });

  test('one request to a site every 3 s; other sites are not held up; no start after the budget', async () => {
    const db = await libraryWithImports([...urlsOn('a.example', 6), ...urlsOn('b.example', 1)]);
    const { deps, fetched } = fakeDeps();
    const result = await downloadBatch(db, deps, { size: 10, budgetMs: 7_000, concurrency: 3 });
    const times = (host: string) => fetched.filter((f) => new URL(f.url).host === host).map((f) => f.at);
    expect(times('b.example')).toEqual([0]);
    // a.example at 0, 3 s, 6 s; the budget (7 s) is over before its 9 s slot.
    expect(times('a.example')).toEqual([0, 3000, 6000]);
    expect(result).toEqual({ downloaded: 4, failed: 0, remaining: 3 });
  });

  test('only sites the reader gave access to are fetched; the rest wait, without an error', async () => {
    const db = await libraryWithImports(['https://open.example/1', 'https://closed.example/1']);
    const { deps, fetched } = fakeDeps({ granted: (pattern) => pattern === 'https://open.example/*' });
    expect(await downloadBatch(db, deps, LIMITS)).toEqual({ downloaded: 1, failed: 0, remaining: 0 });
    expect(fetched.map((f) => f.url)).toEqual(['https://open.example/1']);
    const closed = (await byUrl(db, 'https://closed.example/1'))!;
    expect(closed.notDownloaded).toBe(1);
    expect(closed.downloadError).toBeUndefined();
  });

  test('a failure is recorded and left alone until Retry puts it back in the queue', async () => {
    const db = await libraryWithImports(['https://a.example/ok', 'https://b.example/gone']);
    let siteBack = false;
    const { deps, fetched } = fakeDeps({
      page: async (url) =>
        url.includes('gone') && !siteBack
          ? err('site-status', { status: 404 })
          : ok({ html: PAGE('Back'), url }),
    });
    expect(await downloadBatch(db, deps, LIMITS)).toEqual({ downloaded: 1, failed: 1, remaining: 0 });
    expect(await byUrl(db, 'https://b.example/gone')).toMatchObject({
      notDownloaded: 1,
      downloadError: encodeError({ code: 'site-status', data: { status: 404 } }),
    });
    expect(await downloadBatch(db, deps, LIMITS)).toEqual({ downloaded: 0, failed: 0, remaining: 0 });
    expect(fetched).toHaveLength(2);

    siteBack = true;
    expect(await requeueFailed(db, 30_000)).toEqual(ok(1));
    expect(await downloadBatch(db, deps, LIMITS)).toEqual({ downloaded: 1, failed: 0, remaining: 0 });
    const back = (await byUrl(db, 'https://b.example/gone'))!;
    expect(back.notDownloaded).toBeUndefined();
    expect(back.downloadError).toBeUndefined();
  });

  test('a worker stopped midway: the next run resumes from the database, no duplicate, nothing half-written', async () => {
    const urls = urlsOn('a.example', 4);
    const db = await libraryWithImports(urls);
    const before = { articles: await db.articles.count(), highlights: await db.highlights.count() };
    // The first run is killed while it waits for its second page: that request never answers.
    const killed = fakeDeps({
      page: (url) =>
        killed.fetched.length === 2
          ? new Promise(() => {})
          : Promise.resolve(ok({ html: PAGE('First'), url })),
    });
    void downloadBatch(db, killed.deps, { ...LIMITS, concurrency: 1 });
    await expect.poll(() => killed.fetched.length).toBe(2);
    const [first, stopped] = killed.fetched.map((f) => f.url);
    const left = urls.filter((url) => url !== first);
    expect((await notDownloaded(db)).sort()).toEqual(left);

    // A new worker (fresh throttle and memory); its first write dies inside the transaction
    // (IndexedDB refuses the body after the entry was put, as a worker stopped mid-write).
    const resumed = fakeDeps();
    const extract = resumed.deps.extract;
    let crashes = 1;
    resumed.deps.extract = async (capture) => {
      const article = await extract(capture);
      if (!article.ok || crashes-- <= 0) return article;
      return ok({ ...article.value, removed: [{ unclonable: () => 0 } as never] });
    };
    const result = await downloadBatch(db, resumed.deps, { ...LIMITS, concurrency: 1 });
    expect(result).toEqual({ downloaded: 2, failed: 1, remaining: 0 });
    expect(resumed.fetched.map((f) => f.url).sort()).toEqual(left);
    expect(resumed.fetched[0]!.url).toBe(stopped);
    // The crashed article keeps its empty body and its "not downloaded" mark (with the reason).
    const crashed = (await byUrl(db, stopped!))!;
    expect(crashed).toMatchObject({ notDownloaded: 1, title: stopped, downloadError: expect.any(String) });
    expect((await db.contents.get(crashed.id))!.textContent).toBe('');

    expect(await requeueFailed(db, 40_000)).toEqual(ok(1));
    expect(await downloadBatch(db, resumed.deps, LIMITS)).toMatchObject({ downloaded: 1, remaining: 0 });
    expect(await notDownloaded(db)).toEqual([]);
    expect({ articles: await db.articles.count(), highlights: await db.highlights.count() }).toEqual(before);
    const bodies = await db.contents.toArray();
    expect(bodies.filter((body) => body.textContent.includes('the gulls have the quay'))).toHaveLength(
      urls.length,
    );
  });

  test('hosts take turns', () => {
    const order = interleaveByHost(['a1', 'a2', 'a3', 'b1', 'c1', 'c2'], (s) => s[0]!);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
});

describe('background download scheduler', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The fake browser has no permission events; the scheduler only subscribes to them here.
    vi.spyOn(browser.permissions.onAdded, 'addListener').mockImplementation(() => {});
  });

  test('an alarm is kept while work remains and cleared when it is done; Retry requeues', async () => {
    const db = await libraryWithImports([...urlsOn('a.example', 12), 'https://b.example/gone']);
    let siteBack = false;
    const { deps } = fakeDeps({
      page: async (url) =>
        url.includes('gone') && !siteBack
          ? err('site-status', { status: 500 })
          : ok({ html: PAGE('Back'), url }),
    });
    const handlers = setUpImportedDownloads(db, deps);
    expect(await handlers.downloadImported({ retryFailed: false })).toEqual(ok(true));
    await expect.poll(() => browser.alarms.get(DOWNLOAD_ALARM)).toMatchObject({ periodInMinutes: 0.5 });
    // Ten done (the failed one among them, still marked), three waiting for the next tick.
    expect((await notDownloaded(db)).length).toBe(4);

    // The alarm wakes the worker (as after a restart): the rest is downloaded, the alarm cleared.
    await fakeBrowser.alarms.onAlarm.trigger((await browser.alarms.get(DOWNLOAD_ALARM))!);
    await expect.poll(() => browser.alarms.get(DOWNLOAD_ALARM)).toBeUndefined();
    expect(await notDownloaded(db)).toEqual(['https://b.example/gone']);

    siteBack = true;
    expect(await handlers.downloadImported({ retryFailed: true })).toEqual(ok(true));
    await expect.poll(() => notDownloaded(db)).toEqual([]);
  });

  test('a browser start resumes what a stopped worker left, without being asked', async () => {
    const db = await libraryWithImports(urlsOn('a.example', 3));
    const { deps, fetched } = fakeDeps();
    setUpImportedDownloads(db, deps);
    await fakeBrowser.runtime.onStartup.trigger();
    await expect.poll(() => notDownloaded(db)).toEqual([]);
    expect(fetched).toHaveLength(3);
    expect(await browser.alarms.get(DOWNLOAD_ALARM)).toBeUndefined();
  });
});

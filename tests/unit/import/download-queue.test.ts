// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { downloadArticles, originsOf, pendingDownloads } from '@/components/library/download-queue';
import { extractFromHtml } from '@/utils/extraction';
import {
  HostThrottle,
  interleaveByHost,
  type ParsedImport,
  planLibraryImport,
  type ThrottleClock,
} from '@/utils/import';
import { err, ok } from '@/utils/model';
import { applyImportPlan, openDb, type ReadmarkDb } from '@/utils/storage';

const PAGE = (title: string, body: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;
const PROSE =
  '<p>The ferry leaves at dawn, when the harbour is still grey and the gulls have the quay to themselves.</p>' +
  '<p>Passengers wait with coffee in paper cups, and the crew coils the heavy ropes without a word.</p>' +
  '<p>By the time the sun clears the hills the boat is halfway across and nobody remembers the cold.</p>';

/** A test clock: sleeping moves time on at once, and every sleep is recorded. */
function fakeClock(): ThrottleClock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A library with URL-only imported articles (as Settings → Import leaves them), one with a highlight. */
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
  if (!written.ok) throw new Error(written.error);
  return db;
}

const extract = async (html: string, url: string) => ok(extractFromHtml(html, { url }));

describe('downloading imported articles', () => {
  test('fills in the body, keeps title/tags/state, anchors the imported highlight; failures are recorded', async () => {
    const urls = ['https://a.example/ferry', 'https://b.example/gone'];
    const db = await libraryWithImports(urls);
    const pending = await pendingDownloads(db, false);
    expect(originsOf(pending).sort()).toEqual(['https://a.example/*', 'https://b.example/*']);
    const fetched: string[] = [];
    const result = await downloadArticles(db, pending, {
      fetchPage: async (url) => {
        fetched.push(url);
        return url.includes('gone')
          ? err('the site answered 404')
          : ok({ html: PAGE('The dawn ferry', PROSE), url });
      },
      extract,
      sanitise: (html) => html,
      throttle: new HostThrottle(3000, fakeClock()),
      now: () => 20_000,
    });
    expect(result).toEqual({ downloaded: 1, failed: 1 });
    expect(fetched.sort()).toEqual(urls);

    const [ferry, gone] = await Promise.all(
      urls.map((url) => db.articles.where('canonicalUrl').equals(url).first()),
    );
    expect(ferry).toMatchObject({ title: 'The dawn ferry', tags: ['travel'], archived: 1, savedAt: 1_000 });
    expect(ferry!.notDownloaded).toBeUndefined();
    expect(ferry!.wordCount).toBeGreaterThan(30);
    const text = (await db.contents.get(ferry!.id))!.textContent;
    expect(text).toContain('the gulls have the quay to themselves');
    const [highlight] = await db.highlights.where('articleId').equals(ferry!.id).toArray();
    expect(text.slice(highlight!.position.start, highlight!.position.end)).toBe(
      'the crew coils the heavy ropes',
    );
    expect(highlight!.note).toBe('Lovely.');

    expect(gone).toMatchObject({ notDownloaded: 1, downloadError: 'the site answered 404' });
    // A failed article waits for Retry; a retry that works clears the failure.
    expect(await pendingDownloads(db, false)).toEqual([]);
    const retry = await pendingDownloads(db, true);
    expect(retry.map((m) => m.url)).toEqual(['https://b.example/gone']);
    await downloadArticles(db, retry, {
      fetchPage: async (url) => ok({ html: PAGE('Back again', PROSE), url }),
      extract,
      sanitise: (html) => html,
      throttle: new HostThrottle(3000, fakeClock()),
    });
    const back = (await db.articles.get(gone!.id))!;
    expect(back.notDownloaded).toBeUndefined();
    expect(back.downloadError).toBeUndefined();
  });

  test('stopping halfway leaves the rest "not downloaded", to resume later', async () => {
    const urls = ['https://a.example/1', 'https://a.example/2', 'https://a.example/3'];
    const db = await libraryWithImports(urls);
    const stop = new AbortController();
    await downloadArticles(db, await pendingDownloads(db, false), {
      fetchPage: async (url) => {
        stop.abort();
        return ok({ html: PAGE('One', PROSE), url });
      },
      extract,
      sanitise: (html) => html,
      throttle: new HostThrottle(0, fakeClock()),
      concurrency: 1,
      signal: stop.signal,
    });
    expect((await pendingDownloads(db, false)).length).toBe(2);
  });
});

describe('per-host rate limit', () => {
  test('the same host waits its interval; other hosts do not', async () => {
    const clock = fakeClock();
    const throttle = new HostThrottle(3000, clock);
    await throttle.wait('a.example');
    await throttle.wait('b.example');
    expect(clock.sleeps).toEqual([]);
    await throttle.wait('a.example');
    expect(clock.sleeps).toEqual([3000]);
  });

  test('hosts take turns', () => {
    const order = interleaveByHost(['a1', 'a2', 'a3', 'b1', 'c1', 'c2'], (s) => s[0]!);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
});

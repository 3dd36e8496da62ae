// @vitest-environment node
// Every sync failure a reader can meet is a typed code with data, worded in the reader's language
// (utils/model/errors.ts, components/shared/error-message.ts): a damaged or cut-short file, a file
// sealed with another key, a clock absurdly far ahead, a server answering garbage, a failing or
// silent server. Each is met for real here (engine, in-process WebDAV server), checked to lose
// nothing, and its message rendered in French must carry no English.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { errorMessage } from '@/components/shared/error-message';
import type { AppError } from '@/utils/model';
import {
  CLOCK_AHEAD_LIMIT_MS,
  changePassphrase,
  createKeys,
  devicePath,
  MAX_WALL,
  packPath,
  type SyncResult,
  seal,
  TARGET_FILE,
  WebDavTarget,
} from '@/utils/sync';
import { PASSWORD, USER } from '../../support/dav-servers';
import { getMessageIn } from '../../support/i18n';
import { Device, expectDone, inProcessFolders, PASSPHRASE } from './harness';

const newFolder = inProcessFolders('codes');

/** Every error met in this file, for the French check at the end. */
const met: AppError[] = [];

function errorOf(result: SyncResult): AppError {
  if (result.status === 'done') throw new Error('sync went through');
  met.push(result.error);
  return result.error;
}

/** A and B sharing a new encrypted folder; A made it and has sent one article. */
async function pair() {
  const url = await newFolder();
  const a = new Device('devA', url);
  const b = new Device('devB', url);
  expectDone(await a.sync({ createIfEmpty: true }));
  await a.save('art1', 'https://example.org/one');
  expectDone(await a.sync());
  const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
  return { url, a, b, target };
}

type Answer = { status: number; body: string } | undefined;

/** B's requests through real fetch, except those `answer` answers itself (a server gone wrong). */
function serverAnswering(device: Device, url: string, answer: (method: string, path: string) => Answer) {
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname.slice(new URL(url).pathname.length);
    const own = answer(init?.method ?? 'GET', decodeURIComponent(path));
    if (own) return new Response(own.body, { status: own.status });
    return fetch(input, init);
  }) as typeof fetch;
  device.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: fetcher, timeoutMs: 1_000 });
}

const nothingApplied = (b: Device) => {
  expect(b.store.library().articles.size).toBe(0);
  expect(b.store.book.cursors.devA ?? 0).toBe(0);
};

describe('a damaged remote file', () => {
  test('a cut-short pack: sync-file-damaged with its path; nothing applied; whole again, it applies', async () => {
    const { b, target } = await pair();
    const path = packPath('devA', 1);
    const good = (await target.get(path)) as Uint8Array<ArrayBuffer>;
    await target.put(path, good.slice(0, good.length - 7));
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-file-damaged', data: { path } });
    nothingApplied(b);
    await target.put(path, good);
    expectDone(await b.sync());
    expect(b.store.library().articles.size).toBe(1);
  });

  test('a cut-short readmark.json: sync-file-damaged naming it; nothing written', async () => {
    const { b, target } = await pair();
    const good = (await target.get(TARGET_FILE)) as Uint8Array<ArrayBuffer>;
    await target.put(TARGET_FILE, good.slice(0, 20));
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-file-damaged', data: { path: TARGET_FILE } });
    expect(b.store.book.targetId).toBeNull();
  });

  test('a pack that is missing: sync-file-missing with its path', async () => {
    const { b, target } = await pair();
    const path = packPath('devA', 1);
    await target.remove(path);
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-file-missing', data: { path } });
    nothingApplied(b);
  });

  test('a key block this Readmark cannot use (unknown method): sync-file-invalid, not an unexpected error', async () => {
    const { b, target } = await pair();
    const file = JSON.parse(new TextDecoder().decode((await target.get(TARGET_FILE)) as Uint8Array));
    file.encryption.kdf = 'scrypt';
    await target.put(TARGET_FILE, new TextEncoder().encode(JSON.stringify(file)));
    // Keys not already opened this session: B must read the block.
    expect(errorOf(await b.sync({ keyCache: new Map() }))).toEqual({
      code: 'sync-file-invalid',
      data: { path: TARGET_FILE },
    });
  });
});

describe('a passphrase change meeting a damaged readmark.json', () => {
  test('cut short, its copy absent: sync-file-damaged, nothing changed, never a throw', async () => {
    const { a, target } = await pair();
    const good = (await target.get(TARGET_FILE)) as Uint8Array<ArrayBuffer>;
    await target.put(TARGET_FILE, good.slice(0, 30));
    const result = await changePassphrase({
      target,
      store: a.store,
      oldPassphrase: PASSPHRASE,
      newPassphrase: 'a new passphrase',
    });
    expect(result).toMatchObject({ status: 'failed', reason: 'damaged' });
    met.push((result as { error: AppError }).error);
    expect((result as { error: AppError }).error).toEqual({
      code: 'sync-file-damaged',
      data: { path: TARGET_FILE },
    });
    expect(await target.get(TARGET_FILE)).toEqual(good.slice(0, 30));
  });
});

describe('a wrong key', () => {
  test('a pack sealed with another folder’s key: sync-file-other-key; nothing applied', async () => {
    const { b, target } = await pair();
    const path = packPath('devA', 1);
    const { keys } = await createKeys('another library', 2_000);
    const content = new TextEncoder().encode(JSON.stringify({ deviceId: 'devA', seq: 1, ops: [] }));
    await target.put(path, await seal(keys, path, content));
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-file-other-key', data: { path } });
    nothingApplied(b);
  });

  test('a wrong passphrase: sync-wrong-passphrase; nothing kept', async () => {
    const { b } = await pair();
    b.passphrase = 'not the passphrase';
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-wrong-passphrase' });
    expect(b.store.book.targetId).toBeNull();
  });
});

describe('a clock absurdly far ahead', () => {
  test('a day ahead is followed silently', async () => {
    const url = await newFolder();
    const a = new Device('devA', url);
    const b = new Device('devB', url);
    a.store.clockOffset = 86_400_000;
    expectDone(await a.sync({ createIfEmpty: true }));
    await a.save('art1', 'https://example.org/one');
    expectDone(await a.sync());
    expectDone(await b.sync());
    expect(b.store.library().articles.size).toBe(1);
  });

  test('five years ahead: sync-clock-ahead asks; nothing applied until "Continue", which is remembered', async () => {
    const url = await newFolder();
    const a = new Device('devA', url);
    const b = new Device('devB', url);
    a.store.clockOffset = 5 * 365 * 86_400_000;
    expectDone(await a.sync({ createIfEmpty: true }));
    await a.save('art1', 'https://example.org/one');
    expectDone(await a.sync());

    const paused = await b.sync();
    expect(paused).toMatchObject({ status: 'paused', reason: 'clock-ahead' });
    const error = errorOf(paused);
    expect(error.code).toBe('sync-clock-ahead');
    const { device, days } = (error as Extract<AppError, { code: 'sync-clock-ahead' }>).data;
    expect(device).toBe('device devA');
    expect(days).toBeGreaterThanOrEqual(5 * 365 - 1);
    expect(days).toBeLessThanOrEqual(5 * 365);
    nothingApplied(b);

    const approve = (paused as { approval: string }).approval;
    expectDone(await b.sync({ approve }));
    expect(b.store.library().articles.size).toBe(1);
    // Remembered: A's next change (still ahead, no further) applies without asking.
    await a.save('art2', 'https://example.org/two');
    expectDone(await a.sync());
    expectDone(await b.sync());
    expect(b.store.library().articles.size).toBe(2);
    // B's own later edits sort after what it followed: the order stays right.
    b.store.edit('article', 'art1', { set: { title: 'Edited on B' } });
    expectDone(await b.sync());
    expectDone(await a.sync());
    expect(a.store.library().articles.get('art1')?.fields.title).toBe('Edited on B');
  });

  test('a clock past the year 9999 cannot be followed: its device file is refused as sync-file-invalid', async () => {
    const url = await newFolder();
    const a = new Device('devA', url);
    const b = new Device('devB', url);
    expectDone(await a.sync({ createIfEmpty: true }));
    a.store.clockOffset = MAX_WALL + 1 - a.store.now();
    await a.save('art1', 'https://example.org/one');
    expectDone(await a.sync());
    expect(errorOf(await b.sync())).toEqual({
      code: 'sync-file-invalid',
      data: { path: devicePath('devA') },
    });
    nothingApplied(b);
  });

  test('the limit is a month', () => {
    expect(CLOCK_AHEAD_LIMIT_MS).toBe(30 * 86_400_000);
  });
});

describe('a server answering garbage or failing', () => {
  test('a sign-in page served with 200 for a file: sync-server-garbage, nothing read or written', async () => {
    const { url, b } = await pair();
    serverAnswering(b, url, (method, path) =>
      method === 'GET' && path === TARGET_FILE
        ? { status: 200, body: '<!DOCTYPE html><html><body>Sign in</body></html>' }
        : undefined,
    );
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-server-garbage' });
    expect(b.store.book.targetId).toBeNull();
  });

  test('a listing that is not WebDAV: sync-server-garbage', async () => {
    const { url, b } = await pair();
    serverAnswering(b, url, (method) =>
      method === 'PROPFIND' ? { status: 207, body: '<html>Login</html>' } : undefined,
    );
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-server-garbage' });
    nothingApplied(b);
  });

  test('500, 507 and a redirect: their own codes, the status as data', async () => {
    const { url, b } = await pair();
    for (const [status, expected] of [
      [500, { code: 'sync-server-status', data: { status: 500 } }],
      [507, { code: 'sync-server-full' }],
      [302, { code: 'sync-redirected' }],
      [401, { code: 'sync-sign-in-failed' }],
    ] as const) {
      serverAnswering(b, url, (method) => (method === 'GET' ? { status, body: '' } : undefined));
      expect(errorOf(await b.sync())).toEqual(expected);
    }
    nothingApplied(b);
  });

  test('a server that does not answer in time: sync-timeout with the seconds waited', async () => {
    const { url, b } = await pair();
    const stalled = ((_: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof fetch;
    b.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: stalled, timeoutMs: 1_000 });
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-timeout', data: { seconds: 1 } });
  });

  test('a server that cannot be reached: sync-unreachable with the browser’s own words only', async () => {
    const { url, b } = await pair();
    const refused = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    b.target = new WebDavTarget({ url, user: USER, password: PASSWORD, fetch: refused });
    expect(errorOf(await b.sync())).toEqual({
      code: 'sync-unreachable',
      data: { detail: 'Failed to fetch' },
    });
  });
});

describe('the folder as a whole', () => {
  test('another library’s folder, a folder gone, a device file gone or rolled back: their own codes', async () => {
    const { url, a, b, target } = await pair();
    expectDone(await b.sync());
    // Rolled back: A's file replaced by an older copy (head 0 where B has applied pack 1).
    const devicePath = 'devices/devA.json';
    const current = (await target.get(devicePath)) as Uint8Array<ArrayBuffer>;
    const fresh = new Device('devA', url);
    await a.save('art2', 'https://example.org/two');
    expectDone(await a.sync());
    const newer = (await target.get(devicePath)) as Uint8Array<ArrayBuffer>;
    expectDone(await b.sync());
    await target.put(devicePath, current);
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-rolled-back', data: { device: 'device devA' } });
    await target.put(devicePath, newer);
    // Gone from the listing.
    await target.remove(devicePath);
    expect(errorOf(await b.sync())).toEqual({ code: 'sync-listing-inconsistent', data: { count: 1 } });
    await target.put(devicePath, newer);
    expectDone(await b.sync());
    // Another library's folder at the same address.
    const other = await newFolder();
    expectDone(
      await fresh.sync({
        createIfEmpty: true,
        target: new WebDavTarget({ url: other, user: USER, password: PASSWORD }),
      }),
    );
    expect(
      errorOf(await b.sync({ target: new WebDavTarget({ url: other, user: USER, password: PASSWORD }) })),
    ).toEqual({
      code: 'sync-foreign-folder',
    });
    // An empty folder where the library was.
    const empty = await newFolder();
    expect(
      errorOf(await b.sync({ target: new WebDavTarget({ url: empty, user: USER, password: PASSWORD }) })),
    ).toEqual({
      code: 'sync-folder-missing',
    });
    expect(b.store.library().articles.size).toBe(2);
  });
});

describe('in French', () => {
  afterEach(() => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
      getMessageIn('en') as typeof browser.i18n.getMessage,
    );
    vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => 'en');
  });

  // Words of the engine's English that no French sentence has.
  const ENGLISH = /\b(the|was|nothing|from|this|with|file|folder|device|damaged|missing|answered|clock)\b/i;

  test('every error met above reads in French with no English, its data shown', () => {
    expect(met.length).toBeGreaterThanOrEqual(18);
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
      getMessageIn('fr') as typeof browser.i18n.getMessage,
    );
    vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => 'fr');
    for (const error of met) {
      const text = errorMessage(error);
      // Device names and paths are the reader's and random names; the rest must be French.
      const words = Object.values(error.data ?? {}).reduce<string>(
        (rest, value) => rest.replace(String(value), ''),
        text,
      );
      expect(words, `${error.code}: ${text}`).not.toMatch(ENGLISH);
      for (const value of Object.values(error.data ?? {})) {
        if (typeof value === 'string') expect(text, error.code).toContain(value);
      }
    }
  });
});

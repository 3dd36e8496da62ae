import { browser } from 'wxt/browser';
import { HostThrottle, realClock } from '@/utils/import';
import { describeThrown, err, ok, type Result } from '@/utils/model';
import type { ReadmarkDb } from '@/utils/storage';
import { type BatchLimits, type DownloadDeps, downloadBatch, requeueFailed } from './download-queue';
import { extractPage } from './extract-page';

export const DOWNLOAD_ALARM = 'readmark-imported-downloads';
// One request to a site every 3 s at most; three downloads at a time across sites.
const PER_HOST_INTERVAL_MS = 3000;
/**
 * A small batch per wake-up, started within 30 s (each fetch times out after 20 s, each extraction
 * after 10 s): a run stays far below what MV3 allows one event, and the alarm brings the next one.
 */
const LIMITS: BatchLimits = { size: 10, budgetMs: 30_000, concurrency: 3 };
const FETCH_TIMEOUT_MS = 20_000;
const MAX_PAGE_BYTES = 10 * 1024 * 1024;
// Chrome runs alarms at most every 30 s for a packed extension.
const ALARM_PERIOD_MINUTES = 0.5;

/** Fetches an imported article's page: no cookies, HTML only, at most 10 MB, 20 s. */
export const fetchPage: DownloadDeps['fetchPage'] = async (url) => {
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      redirect: 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) return err('site-status', { status: response.status });
    const type = response.headers.get('content-type') ?? '';
    if (!/html/i.test(type)) return err('not-a-web-page', { type: type.slice(0, 100) });
    const html = await response.text();
    if (html.length > MAX_PAGE_BYTES)
      return err('page-too-large', { megabytes: MAX_PAGE_BYTES / 1024 / 1024 });
    return ok({ html, url: response.url || url });
  } catch (error) {
    return err('site-unreachable', { detail: describeThrown(error) });
  }
};

/**
 * Runs the imported-article download queue in the background, so it goes on with the library
 * closed and resumes after a restart: at start-up, when the reader grants site access, on an alarm
 * while work remains, and when the library asks (downloadImported). One run at a time; the throttle
 * outlives runs while the worker lives (a stopped worker has been idle longer than the interval).
 */
export function setUpImportedDownloads(db: ReadmarkDb, deps: DownloadDeps = backgroundDeps()) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= runOnce(db, deps).finally(() => {
      running = null;
    });
    return running;
  };
  const kick = () => void run();
  browser.runtime.onStartup.addListener(kick);
  browser.runtime.onInstalled.addListener(kick);
  browser.permissions.onAdded.addListener(kick);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DOWNLOAD_ALARM) kick();
  });
  return {
    /** The library asks: after an import, a grant of access, or Retry (the failed ones wait again first). */
    downloadImported: async ({ retryFailed }: { retryFailed: boolean }): Promise<Result<true>> => {
      if (retryFailed) {
        const requeued = await requeueFailed(db, deps.clock.now());
        if (!requeued.ok) return requeued;
      }
      kick();
      return ok(true);
    },
  };
}

async function runOnce(db: ReadmarkDb, deps: DownloadDeps): Promise<void> {
  try {
    const { remaining } = await downloadBatch(db, deps, LIMITS);
    if (remaining > 0) await browser.alarms.create(DOWNLOAD_ALARM, { periodInMinutes: ALARM_PERIOD_MINUTES });
    else await browser.alarms.clear(DOWNLOAD_ALARM);
  } catch (error) {
    // The alarm stays as it was: the next tick tries again.
    console.error('Readmark: downloading imported articles failed', error);
  }
}

function backgroundDeps(): DownloadDeps {
  return {
    fetchPage,
    extract: extractPage,
    hasAccess: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    throttle: new HostThrottle(PER_HOST_INTERVAL_MS),
    clock: realClock,
  };
}

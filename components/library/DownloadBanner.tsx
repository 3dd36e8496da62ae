import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createSanitiser } from '@/utils/extraction';
import { HostThrottle } from '@/utils/import';
import { type ArticleMeta, err, ok } from '@/utils/model';
import type { ReadmarkDb } from '@/utils/storage';
import { extractInWorker } from '../shared/extract-in-worker';
import { t } from '../shared/i18n';
import { type DownloadOptions, downloadArticles, originsOf, pendingDownloads } from './download-queue';

// One request to a site every 3 s at most; three downloads at a time across sites.
const PER_HOST_INTERVAL_MS = 3000;
const MAX_PAGE_BYTES = 10 * 1024 * 1024;

/** Fetches a page for the library: no cookies, HTML only, at most 10 MB. */
const fetchPage: DownloadOptions['fetchPage'] = async (url, signal) => {
  try {
    const response = await fetch(url, { credentials: 'omit', redirect: 'follow', signal });
    if (!response.ok) return err(`the site answered ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!/html/i.test(type)) return err(`not a web page (${type || 'unknown type'})`);
    const html = await response.text();
    if (html.length > MAX_PAGE_BYTES) return err('the page is larger than 10 MB');
    return ok({ html, url: response.url || url });
  } catch (error) {
    return err(`the site could not be reached (${(error as Error).message})`);
  }
};

/**
 * Imported articles that are URLs only: how many, a button that asks (once) for access to their
 * sites and downloads them with a progress bar, and the failures with their reasons and Retry.
 * With access already granted, downloading resumes by itself when the library opens again.
 */
export function DownloadBanner({ db, metas }: { db: ReadmarkDb; metas: readonly ArticleMeta[] }) {
  const pending = useMemo(() => metas.filter((m) => m.notDownloaded === 1 && !m.downloadError), [metas]);
  const failed = useMemo(() => metas.filter((m) => m.notDownloaded === 1 && m.downloadError), [metas]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [denied, setDenied] = useState(false);
  const running = useRef(false);
  const sanitise = useMemo(() => createSanitiser(window), []);

  const download = async (retryFailed: boolean) => {
    if (running.current) return;
    const queue = await pendingDownloads(db, retryFailed);
    if (queue.length === 0) return;
    running.current = true;
    setProgress({ done: 0, total: queue.length });
    try {
      await downloadArticles(db, queue, {
        fetchPage,
        extract: (html, url) => extractInWorker({ html, url, title: '' }),
        sanitise,
        throttle: new HostThrottle(PER_HOST_INTERVAL_MS),
        onProgress: (done, total) => setProgress({ done, total }),
      });
    } finally {
      running.current = false;
      setProgress(null);
    }
  };

  // The permission request is the click's first call (Firefox refuses it after an await).
  const askAndDownload = async (retryFailed: boolean) => {
    const origins = originsOf(retryFailed ? [...pending, ...failed] : pending);
    const granted = await browser.permissions.request({ origins });
    setDenied(!granted);
    if (granted) await download(retryFailed);
  };

  // Resume after a restart: if the reader already granted access, carry on without asking.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || pending.length === 0) return;
    resumed.current = true;
    void browser.permissions.contains({ origins: originsOf(pending) }).then((granted) => {
      if (granted) void download(false);
    });
  });

  if (pending.length === 0 && failed.length === 0 && !progress) return null;
  const sites = new Set(pending.map((m) => new URL(m.url).host)).size;
  return (
    <section class="download-banner notice" id="download-banner" aria-live="polite">
      {progress ? (
        <p>
          <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={t('downloadStart')} />{' '}
          {t('downloadProgress', [progress.done.toLocaleString(), progress.total.toLocaleString()])}
        </p>
      ) : (
        pending.length > 0 && (
          <p>
            {t('downloadPending', [pending.length.toLocaleString(), sites.toLocaleString()])}{' '}
            <button type="button" id="download-start" onClick={() => askAndDownload(false)}>
              {t('downloadStart')}
            </button>
          </p>
        )
      )}
      {denied && <p role="alert">{t('downloadDenied')}</p>}
      {failed.length > 0 && !progress && (
        <div id="download-failed">
          <p>
            {t('downloadFailed', failed.length.toLocaleString())}{' '}
            <button type="button" id="download-retry" onClick={() => askAndDownload(true)}>
              {t('downloadRetry')}
            </button>
          </p>
          <ul>
            {failed.slice(0, 50).map((m) => (
              <li key={m.id}>{t('downloadFailedItem', [m.title, m.downloadError ?? ''])}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendDownloadMessage } from '@/utils/messaging';
import type { ArticleSummary } from '@/utils/model';
import { awaitsDownload, originsOf, siteAccessPattern } from '@/utils/services';
import { errorMessage, storedErrorMessage } from '../shared/error-message';
import { t, tn } from '../shared/i18n';

/** The sites (patterns) among `patterns` the reader gave access to; asked again when access changes. */
function useGrantedSites(patterns: readonly string[]): ReadonlySet<string> | null {
  const [granted, setGranted] = useState<ReadonlySet<string> | null>(null);
  const key = patterns.join(' ');
  useEffect(() => {
    let live = true;
    const check = async () => {
      const answers = await Promise.all(
        patterns.map((origin) => browser.permissions.contains({ origins: [origin] })),
      );
      if (live) setGranted(new Set(patterns.filter((_, i) => answers[i])));
    };
    void check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [key]); // `key` stands for the patterns' contents (a new array each render)
  return granted;
}

/**
 * Imported articles that are URLs only. The background downloads them (with the library open or
 * not); this banner shows what it sees in the database: the progress of those whose sites the
 * reader gave access to, an offer to give access for the rest (asked once, then the background is
 * told to start), and the failures with their reasons and Retry.
 */
export function DownloadBanner({ metas }: { metas: readonly ArticleSummary[] }) {
  const pending = useMemo(() => metas.filter((m) => awaitsDownload(m)), [metas]);
  const failed = useMemo(() => metas.filter((m) => m.notDownloaded === 1 && m.downloadError), [metas]);
  const granted = useGrantedSites(useMemo(() => originsOf(pending), [pending]));
  const [denied, setDenied] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const waiting = granted ? pending.filter((m) => !granted.has(siteAccessPattern(m.url))) : [];
  const downloading = granted ? pending.length - waiting.length : 0;
  // The progress bar counts from the most articles seen downloading at once in this visit.
  const peak = useRef(0);
  peak.current = downloading === 0 ? 0 : Math.max(peak.current, downloading);

  const start = async (retryFailed: boolean) => {
    const started = await sendDownloadMessage('downloadImported', { retryFailed });
    setStartError(started.ok ? null : errorMessage(started.error));
  };
  // Articles on sites with access wait for the background's next tick; opening the library wakes it now.
  const woken = useRef(false);
  useEffect(() => {
    if (woken.current || downloading === 0) return;
    woken.current = true;
    void start(false);
  });
  // The permission request is the click's first call (Firefox refuses it after an await).
  const askAndDownload = async (retryFailed: boolean) => {
    const origins = originsOf(retryFailed ? [...waiting, ...failed] : waiting);
    const allowed = origins.length === 0 || (await browser.permissions.request({ origins }));
    setDenied(!allowed);
    if (allowed) await start(retryFailed);
  };

  // Until the browser has said which sites are allowed, nothing (rather than a wrong offer).
  if (!granted || (pending.length === 0 && failed.length === 0)) return null;
  const sites = new Set(waiting.map((m) => new URL(m.url).host)).size;
  const done = peak.current - downloading;
  return (
    <section class="download-banner notice" id="download-banner" aria-live="polite">
      {downloading > 0 && (
        <p id="download-progress">
          <progress max={Math.max(1, peak.current)} value={done} aria-label={t('downloadStart')} />{' '}
          {t('downloadProgress', [done.toLocaleString(), peak.current.toLocaleString()])}
        </p>
      )}
      {waiting.length > 0 && (
        <p>
          {tn('downloadPending', waiting.length, [tn('countSites', sites)])}{' '}
          <button type="button" id="download-start" onClick={() => askAndDownload(false)}>
            {t('downloadStart')}
          </button>
        </p>
      )}
      {denied && <p role="alert">{t('downloadDenied')}</p>}
      {startError && <p role="alert">{startError}</p>}
      {failed.length > 0 && (
        <div id="download-failed">
          <p>
            {t('downloadFailed', failed.length.toLocaleString())}{' '}
            <button type="button" id="download-retry" onClick={() => askAndDownload(true)}>
              {t('downloadRetry')}
            </button>
          </p>
          <ul>
            {failed.slice(0, 50).map((m) => (
              <li key={m.id}>
                {t('downloadFailedItem', [m.title, storedErrorMessage(m.downloadError ?? '')])}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import type { ArticleMeta } from '@/utils/model';

/**
 * Whether an imported article still waits for its page: the background downloads these; a failed
 * one (with `downloadError`) waits for the reader's Retry instead.
 */
export function awaitsDownload(
  meta: Pick<ArticleMeta, 'notDownloaded' | 'downloadError'>,
  retryFailed = false,
): boolean {
  return meta.notDownloaded === 1 && (retryFailed || !meta.downloadError);
}

/**
 * `https://example.org/*`: the host access a download of this URL needs (asked for by the library,
 * checked by the background). Match patterns carry no port, so a host's pattern covers all its ports.
 */
export function siteAccessPattern(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** The site patterns of these articles, each once. */
export function originsOf(metas: readonly Pick<ArticleMeta, 'url'>[]): string[] {
  return [...new Set(metas.map((meta) => siteAccessPattern(meta.url)))];
}

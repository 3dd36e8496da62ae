import { useEffect, useMemo } from 'preact/hooks';

/** A blob: URL for each stored picture (same keys), revoked when the pictures change or the view closes. */
export function useObjectUrls(blobs: ReadonlyMap<string, Blob>): ReadonlyMap<string, string> {
  const urls = useMemo(
    () => new Map([...blobs].map(([key, blob]) => [key, URL.createObjectURL(blob)])),
    [blobs],
  );
  useEffect(
    () => () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
    },
    [urls],
  );
  return urls;
}

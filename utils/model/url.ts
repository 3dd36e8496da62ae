// Query parameters that only track where a click came from; they never change the article.
const TRACKING_PARAMS =
  /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|_hsenc|_hsmi)$/i;

/**
 * The dedupe key for an article: http(s) URL without fragment, tracking parameters, default port
 * or trailing slash, host lower-cased. Returns null for anything that is not an http(s) URL.
 */
export function normaliseUrl(raw: string): string | null {
  const url = httpUrl(raw);
  if (!url) return null;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  }
  url.searchParams.sort();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1);
  return url.toString();
}

/** Whether both are http(s) URLs of the same origin (scheme, host and port). */
export function sameOrigin(a: string, b: string): boolean {
  const first = httpUrl(a);
  const second = httpUrl(b);
  return !!first && !!second && first.origin === second.origin;
}

/**
 * Which article a page is: the one identity rule. `pageUrl` is the address the browser reports
 * for the tab (sender.tab.url, tabs.Tab.url), never one the page wrote; `declared` is what the
 * page claims about itself (canonical link, og:url), which is page data: it may name another
 * address of the same origin (a tracking or mobile variant merges with its article) and is
 * ignored when it names another origin, so no site can claim another site's saved article.
 * Null when the page is not an http(s) page.
 */
export function articleKey(pageUrl: string, declared: string | null): string | null {
  const page = normaliseUrl(pageUrl);
  if (!page) return null;
  const claimed = declared ? normaliseUrl(declared) : null;
  return claimed && sameOrigin(claimed, page) ? claimed : page;
}

/**
 * The key a stored record (an import, a version-1 record) may keep: its canonical URL when that is
 * on the origin of its own `url`, else its `url` normalised (articleKey's rule for records);
 * null when `url` is not an http(s) URL.
 */
export function boundCanonical(url: string, canonicalUrl: string): string | null {
  return sameOrigin(url, canonicalUrl) ? canonicalUrl : normaliseUrl(url);
}

function httpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

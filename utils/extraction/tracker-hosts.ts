/**
 * Hosts whose images are tracking beacons, not pictures: an <img> from one of them (or a
 * subdomain) is dropped at extraction, whatever size it declares. Data, not rules: extend it here.
 *
 * Source: hosts listed as serving tracking pixels by the EasyPrivacy filter list
 * (https://easylist.to/, "easyprivacy_trackingservers") and DuckDuckGo's Tracker Radar
 * (https://github.com/duckduckgo/tracker-radar), checked 2026-12; the list below is our own
 * selection of the beacon hosts most often found inside article bodies (analytics, ad and
 * email-open pixels), not a copy of either list.
 */
export const TRACKER_HOSTS: readonly string[] = [
  'pixel.wp.com', // Jetpack stats pixel inside WordPress posts
  'stats.wp.com',
  'google-analytics.com',
  'googletagmanager.com',
  'stats.g.doubleclick.net',
  'ad.doubleclick.net',
  'facebook.com/tr', // Meta pixel (path-specific: facebook.com also hosts real content)
  'bat.bing.com',
  'ct.pinterest.com',
  'px.ads.linkedin.com',
  'analytics.twitter.com',
  'sb.scorecardresearch.com',
  'b.scorecardresearch.com',
  'pixel.quantserve.com',
  'pixel.mathtag.com',
  'pixel.rubiconproject.com',
  'pixel.adsafeprotected.com',
  'mc.yandex.ru',
  'counter.yadro.ru',
  'feeds.feedburner.com/~r', // FeedBurner read-tracking images in syndicated posts
  'pixel.substack.com', // Substack's email-open beacon when a post is read on the web
  'track.hubspot.com',
  'list-manage.com/track', // Mailchimp open tracking
];

/** Whether `url` is served by a tracker host (host or subdomain; path prefix when the entry has one). */
export function isTrackerUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  const path = parsed.pathname;
  return TRACKER_HOSTS.some((entry) => {
    const slash = entry.indexOf('/');
    const entryHost = slash < 0 ? entry : entry.slice(0, slash);
    const entryPath = slash < 0 ? '' : entry.slice(slash);
    const hostMatches = host === entryHost || host.endsWith(`.${entryHost}`);
    return hostMatches && path.startsWith(entryPath);
  });
}

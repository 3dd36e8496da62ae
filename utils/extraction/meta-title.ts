/**
 * The article's title without the site's name or a section label around it: "How the ferry was
 * saved - Fell & Fog", "Editorial | How the ferry was saved" → "How the ferry was saved". Generic:
 * no list of sites, only what the page itself says (its site name in og:site_name or JSON-LD, its
 * host, and the heading it shows the reader).
 */

// Separators a site joins its name with: spaced dashes and bars, bullets, guillemets, double colons.
const SEPARATOR = /\s+[-–—|·•»:~/]{1,2}\s+|\s*[|·•»]\s*/g;
// A first segment this short before a bar is a section label ("Opinion |"), not the title.
const LABEL_WORDS = 2;

export interface TitleClues {
  /** Title strings the page declares, best first (og:title, JSON-LD headline, <title>…). */
  declared: readonly string[];
  /** The page's top headings (its <h1>s), in document order. */
  headings: readonly string[];
  /** Names the site goes by (og:site_name, JSON-LD publisher and WebSite names). */
  siteNames: readonly string[];
  /** The page's host name. */
  host: string;
}

/** The title, or null when the page declares none and shows no heading. */
export function cleanTitle({ declared, headings, siteNames, host }: TitleClues): string | null {
  const siteKeys = new Set([...siteNames.map(compare), ...hostKeys(host)]);
  const isSite = (text: string) => {
    const key = compare(text);
    return siteKeys.has(key) || siteKeys.has(key.replace(/[^\p{L}\p{N}]/gu, ''));
  };
  const titles = declared.map(collapse).filter(Boolean);
  // A logo in an <h1> names the site, not the article.
  const heads = headings
    .map((heading) => collapse(heading).replace(HEADING_ANCHOR, ''))
    .filter((heading) => heading && !isSite(heading));
  // The heading the reader sees is the title, when it is about what the declared titles are about
  // (a page's first <h1> is sometimes a section name or a slogan).
  const heading = titles.length
    ? heads.find((head) => titles.some((title) => overlap(head, title) >= MIN_OVERLAP))
    : heads[0];
  if (heading) return unlabelled(stripAffixes(heading, isSite));
  const best = titles[0];
  if (!best) return null;
  return unlabelled(mainSegment(stripAffixes(best, isSite)));
}

// What a forum, a shop or a paper index writes before the title ("Thread: …", "Collection: …",
// "Title:…"), and what a link aggregator writes after a submission's title ("(latimes.com) 87":
// the linked site and the points or comments). A wiki's "Category:…" is the page's name and stays.
const LEADING_LABEL = /^(?:thread|topic|title|subject|collection)\s*:\s*(?=\S)/i;
const SUBMISSION_TAIL = /\s+\((?:[a-z0-9-]+\.)+[a-z]{2,}\)(?:\s+\d+)?$/i;

function unlabelled(title: string): string {
  return title.replace(LEADING_LABEL, '').replace(SUBMISSION_TAIL, '');
}

// The permalink mark documentation generators print after a heading ("Logging HOWTO¶").
const HEADING_ANCHOR = /\s*[¶§#]+$/u;

// Share of the shorter title's words that the other one has too.
const MIN_OVERLAP = 0.3;
const MIN_MAIN_WORDS = 2;

/**
 * "Best Movers in NYC 2025 | Top 19 Companies" → "Best Movers in NYC 2025": a tagline after a bar
 * or dash of a declared title is not the title, nor is a forum's board after a spaced slash
 * ("Topic / Board / Forums"). A heading the reader sees keeps its dash ("Zero waste - a
 * beginner's guide" is what the page calls itself).
 */
function mainSegment(title: string): string {
  const segments = split(title);
  if (
    segments.length < 2 ||
    words(segments[0]!.text) < MIN_MAIN_WORDS ||
    !/[|–—/-]/.test(segments[1]!.before)
  )
    return title;
  return segments[0]!.text;
}

function overlap(a: string, b: string): number {
  const wordsOf = (text: string) => new Set(compare(text).match(/[\p{L}\p{N}]+/gu) ?? []);
  const [x, y] = [wordsOf(a), wordsOf(b)];
  const smaller = Math.min(x.size, y.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared / smaller;
}

/** `title` without leading/trailing segments that name the site, or a short label before a bar. */
function stripAffixes(title: string, isSite: (text: string) => boolean): string {
  const segments = split(title);
  while (segments.length > 1 && isSite(segments[segments.length - 1]!.text)) segments.pop();
  while (segments.length > 1 && isSite(segments[0]!.text)) segments.shift();
  if (
    segments.length > 1 &&
    /\|/.test(segments[1]!.before) &&
    words(segments[0]!.text) <= LABEL_WORDS &&
    words(join(segments.slice(1))) > LABEL_WORDS
  )
    segments.shift();
  return join(segments);
}

interface Segment {
  text: string;
  /** The separator before this segment ('' for the first). */
  before: string;
}

function split(title: string): Segment[] {
  const segments: Segment[] = [];
  let before = '';
  let last = 0;
  for (const match of title.matchAll(SEPARATOR)) {
    const text = title.slice(last, match.index).trim();
    if (text) segments.push({ text, before });
    before = match[0];
    last = match.index + match[0].length;
  }
  const rest = title.slice(last).trim();
  if (rest) segments.push({ text: rest, before });
  return segments.length ? segments : [{ text: title, before: '' }];
}

function join(segments: readonly Segment[]): string {
  return segments
    .map((segment, index) => (index === 0 ? segment.text : `${segment.before}${segment.text}`))
    .join('');
}

/**
 * "www.fell-and-fog.co.uk" → keys "fell-and-fog.co.uk", "fell-and-fog", "fellandfog", "co"…: the
 * host and each of its labels but the last, so that a forum's "bbs.archlinux.org" names the site
 * "Arch Linux" too (its logo in an <h1>), not only "bbs".
 */
function hostKeys(host: string): string[] {
  const bare = host.toLowerCase().replace(/^www\d*\./, '');
  const labels = bare.split('.').slice(0, -1);
  return [bare, ...labels.flatMap((label) => [label, label.replace(/[^\p{L}\p{N}]/gu, '')])];
}

/** The form two titles are compared in: case, whitespace, typographic quotes and "&"/"and" folded. */
export function compare(text: string): string {
  return collapse(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\s*&\s*|\s+and\s+/g, ' and ');
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

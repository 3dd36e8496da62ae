/**
 * What a page's JSON-LD says about the article: its headline, authors, dates and publisher, and the
 * site's name. Page-declared and so untrusted: it only ever fills metadata fields, never the
 * article's URL or identity.
 */

type Node = Record<string, unknown>;

export interface JsonLdFacts {
  headline: string | null;
  authors: string[];
  datePublished: string | null;
  dateCreated: string | null;
  /** The publisher of the article (an organisation's name; a person publishing their own blog counts). */
  publisher: string | null;
  /** The WebSite node's name. */
  website: string | null;
  image: string | null;
}

const ARTICLE_TYPE = /Article|BlogPosting|Report|Posting|Review|Recipe|HowTo|QAPage|Blog$/;
const PAGE_TYPE = /WebPage|ItemPage|AboutPage|FAQPage|CollectionPage/;
// Bounds on untrusted input: a page may hold megabytes of JSON-LD or a self-referencing graph.
const MAX_NODES = 500;

/** Parses one <script type="application/ld+json"> body into its nodes; [] for broken JSON. */
export function parseJsonLd(text: string): Node[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
  } catch {
    return []; // Broken JSON-LD is common; the meta tags usually say the same.
  }
  const nodes: Node[] = [];
  const queue: unknown[] = [data];
  while (queue.length > 0 && nodes.length < MAX_NODES) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    else if (isNode(item)) {
      const graph = item['@graph'];
      if (Array.isArray(graph)) queue.push(...graph);
      else nodes.push(item);
    }
  }
  return nodes;
}

/** The facts of the article node (else the web page node), following @id references in the graph. */
export function readJsonLd(nodes: readonly Node[]): JsonLdFacts {
  const byId = new Map<string, Node>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1)
      return byId.get(value['@id']) ?? value;
    return value;
  };
  const article =
    nodes.find((node) => typeMatches(node, ARTICLE_TYPE)) ??
    nodes
      .map((node) => resolve(node.mainEntity))
      .find((node) => isNode(node) && typeMatches(node, ARTICLE_TYPE));
  const page = nodes.find((node) => typeMatches(node, PAGE_TYPE));
  const main = isNode(article) ? article : page;
  const website = nodes.find((node) => typeMatches(node, /^WebSite$/));
  const publisher = resolve(main?.publisher ?? (isNode(website) ? website.publisher : undefined));
  return {
    headline: isNode(article) ? (text(article.headline) ?? text(article.name)) : null,
    authors: namesOf(resolve(main?.author ?? main?.creator)),
    datePublished: text(main?.datePublished),
    dateCreated: text(main?.dateCreated) ?? text(main?.uploadDate),
    publisher: namesOf(publisher)[0] ?? null,
    website: text(website?.name),
    image: imageUrl(main?.image ?? main?.thumbnailUrl),
  };

  function namesOf(value: unknown): string[] {
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item) => {
      const resolved = resolve(item);
      const name = typeof resolved === 'string' ? resolved : isNode(resolved) ? text(resolved.name) : null;
      return name ? [name] : [];
    });
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeMatches(node: Node, pattern: RegExp): boolean {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).some((t) => typeof t === 'string' && pattern.test(t));
}

function text(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return null;
  return decodeEntities(first).replace(/\s+/g, ' ').trim() || null;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

/**
 * CMS plugins often write JSON-LD strings HTML-escaped ("Maria &amp; Katerina"), and a <script>
 * body is never entity-decoded: decode the common named entities and numeric references once.
 */
function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));/gi, (whole, dec, hex, name) => {
    if (name) return ENTITIES[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : Number.parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function imageUrl(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  return isNode(first) ? (text(first.url) ?? text(first.contentUrl)) : null;
}

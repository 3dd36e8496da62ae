/**
 * The features of a whole page, for the page-type classifier (article, forum, documentation,
 * product, listing, collection, service): what the page declares (JSON-LD types, og:type), what
 * its URL path looks like, and the shape of its blocks. Page-declared data only votes on the type;
 * it is never trusted for identity.
 */
import { type Block, isInside } from './blocks';
import type { PageFacts } from './metadata';

const JSON_LD_GROUPS: readonly [string, RegExp][] = [
  [
    'article',
    /^(?:Article|NewsArticle|BlogPosting|Report|OpinionNewsArticle|ScholarlyArticle|LiveBlogPosting)$/,
  ],
  ['product', /^(?:Product|Offer|AggregateOffer|ProductGroup|IndividualProduct|Car|Book)$/],
  ['forum', /^(?:DiscussionForumPosting|QAPage|Question|Answer|Comment|SocialMediaPosting)$/],
  ['docs', /^(?:TechArticle|APIReference|HowTo|SoftwareSourceCode|SoftwareApplication|Course)$/],
  ['collection', /^(?:CollectionPage|ItemList|SearchResultsPage|OfferCatalog|ListItem)$/],
  [
    'service',
    /^(?:Service|LocalBusiness|Organization|ProfessionalService|FAQPage|ContactPage|AboutPage|Corporation|Store)$/,
  ],
  ['breadcrumb', /^BreadcrumbList$/],
  ['webpage', /^(?:WebPage|WebSite)$/],
];
const URL_PATTERNS: readonly [string, RegExp][] = [
  ['blog', /\/(?:blog|blogs|news|article|articles|story|stories|posts?|magazine|insights?)(?:\/|$)/],
  ['dated', /\/(?:19|20)\d\d\/(?:\d\d?\/)?/],
  [
    'docs',
    /\/(?:docs?|documentation|reference|api|manual|guide|guides|wiki|learn|tutorial|kb|help|support)(?:\/|$)/,
  ],
  [
    'forum',
    /\/(?:forums?|threads?|t|topic|topics|questions|discussions?|community|r|comments|board|viewtopic)(?:\/|$|\.)/,
  ],
  ['product', /\/(?:products?|p|dp|item|items|shop|store|buy|sku|app)(?:\/|$)/],
  [
    'collection',
    /\/(?:collections?|category|categories|c|tags?|search|browse|list|lists|catalog|department|s)(?:\/|$)/,
  ],
  [
    'service',
    /\/(?:services?|solutions?|pricing|about|contact|features|plans|company|careers|locations?)(?:\/|$)/,
  ],
  ['file', /\.(?:html?|php|aspx?)$/],
];
const PRICE = /(?:[$€£¥]\s?\d|\d(?:[.,]\d\d)?\s?(?:€|EUR|USD|GBP|kr|zł|CHF))/;
const FORUM_TEXT = /\b(?:reply|replies|posted|joined|posts:|quote|member|moderator|upvote|answered|asked)\b/i;
const CART_TEXT = /\b(?:add to (?:cart|bag|basket)|buy now|in stock|out of stock|free shipping|warenkorb)\b/i;

export const PAGE_FEATURE_NAMES: readonly string[] = [
  ...JSON_LD_GROUPS.map(([name]) => `jsonld_${name}`),
  'og_article',
  'og_product',
  'og_website',
  ...URL_PATTERNS.map(([name]) => `url_${name}`),
  'url_depth',
  'url_slug_words',
  'url_has_query',
  'url_numeric_id',
  'log_blocks',
  'li_share',
  'heading_share',
  'link_text_share',
  'log_longest_block',
  'log_long_paragraphs',
  'form_block_share',
  'price_blocks',
  'forum_text_blocks',
  'cart_text_blocks',
  'code_blocks',
  'table_cell_share',
  'readability_kept_share',
  'log_kept_chars',
  'article_elements',
  'card_share',
];

function jsonLdTypes(facts: PageFacts): Set<string> {
  const types = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 50)) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const type = record['@type'];
    for (const name of Array.isArray(type) ? type : [type]) if (typeof name === 'string') types.add(name);
    for (const key of ['@graph', 'mainEntity', 'itemListElement', 'item']) visit(record[key], depth + 1);
  };
  for (const item of facts.jsonLd) visit(item, 0);
  return types;
}

function pathOf(url: string): { path: string; query: boolean } {
  try {
    const parsed = new URL(url);
    return { path: parsed.pathname.toLowerCase(), query: parsed.search.length > 1 };
  } catch {
    return { path: '/', query: false };
  }
}

export function pageFeatures(
  url: string,
  facts: PageFacts,
  blocks: readonly Block[],
  kept: readonly boolean[],
): Float32Array {
  const types = jsonLdTypes(facts);
  const ogType = (facts.meta.get('og:type') ?? '').toLowerCase();
  const { path, query } = pathOf(url);
  const segments = path.split('/').filter(Boolean);
  const slug = segments.at(-1) ?? '';
  const n = Math.max(1, blocks.length);
  let chars = 0;
  let links = 0;
  let longest = 0;
  let longParagraphs = 0;
  let keptChars = 0;
  const counts = {
    li: 0,
    heading: 0,
    form: 0,
    price: 0,
    forum: 0,
    cart: 0,
    code: 0,
    cell: 0,
    article: 0,
    card: 0,
  };
  blocks.forEach((block, i) => {
    const length = block.text.length;
    chars += length;
    links += block.linkChars;
    longest = Math.max(longest, length);
    if (kept[i]) keptChars += length;
    if (block.tag === 'p' && length > 150) longParagraphs++;
    if (block.tag === 'li') counts.li++;
    if (/^h[1-6]$/.test(block.tag)) counts.heading++;
    if (isInside(block, 'form')) counts.form++;
    if (isInside(block, 'article')) counts.article++;
    if (length < 40 && PRICE.test(block.text)) counts.price++;
    if (length < 200 && FORUM_TEXT.test(block.text)) counts.forum++;
    if (length < 60 && CART_TEXT.test(block.text)) counts.cart++;
    if (block.tag === 'pre') counts.code++;
    if (block.tag === 'td' || block.tag === 'th') counts.cell++;
    if (block.nearTokens.some((token) => /^(?:card|tile|teaser|item|product|thumb)$/.test(token)))
      counts.card++;
  });
  const row = [
    ...JSON_LD_GROUPS.map(([, pattern]) => ([...types].some((type) => pattern.test(type)) ? 1 : 0)),
    ogType.includes('article') ? 1 : 0,
    ogType.includes('product') ? 1 : 0,
    ogType === 'website' ? 1 : 0,
    ...URL_PATTERNS.map(([, pattern]) => (pattern.test(path) ? 1 : 0)),
    Math.min(8, segments.length) / 4,
    Math.min(20, slug.split(/[-_]/).filter(Boolean).length) / 10,
    query ? 1 : 0,
    /\d{4,}/.test(path) ? 1 : 0,
    Math.log1p(blocks.length),
    counts.li / n,
    counts.heading / n,
    links / Math.max(1, chars),
    Math.log1p(longest),
    Math.log1p(longParagraphs),
    counts.form / n,
    Math.log1p(counts.price),
    Math.log1p(counts.forum),
    Math.log1p(counts.cart),
    Math.log1p(counts.code),
    counts.cell / n,
    keptChars / Math.max(1, chars),
    Math.log1p(keptChars),
    Math.log1p(counts.article),
    counts.card / n,
  ];
  return Float32Array.from(row);
}

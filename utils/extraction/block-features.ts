/**
 * The feature vector of each block, as the learned filter sees it. Training (utils/training) and
 * the Worker call the same function on the same parser's DOM, so they see the same numbers.
 * Changing a feature changes FEATURE_NAMES, which the model file records: a model trained on other
 * features refuses to load.
 */
import { type Block, CONTAINERS } from './blocks';

// Groups of class/id/role tokens that name what a widget is. A group matches a token whole.
const KEYWORDS: readonly [string, RegExp][] = [
  ['comment', /^(?:comments?|replies|reply|respond|disqus|discussion)$/],
  ['share', /^(?:share|sharing|social|sharedaddy|addtoany|tweet|facebook|twitter|whatsapp|pinterest)$/],
  ['related', /^(?:related|recommended|recommendations?|more|popular|trending|outbrain|taboola|next|read)$/],
  ['footer', /^(?:footer|foot|bottom|colophon)$/],
  ['header', /^(?:header|masthead|top|topbar|banner)$/],
  ['nav', /^(?:nav|navbar|navigation|menu|menus|breadcrumbs?|pagination|pager|skip)$/],
  ['sidebar', /^(?:sidebar|side|widget|widgets|rail|aside)$/],
  ['ad', /^(?:ad|ads|advert|advertisement|sponsor|sponsored|promo|promoted|dfp|gpt)$/],
  ['newsletter', /^(?:newsletter|subscribe|subscription|signup|optin|cta|mailchimp|paywall|regwall|piano)$/],
  ['cookie', /^(?:cookie|cookies|consent|gdpr|cmp|onetrust)$/],
  ['author', /^(?:author|authors|bio|byline|profile|avatar|contributor)$/],
  ['tags', /^(?:tag|tags|category|categories|topics|labels|keywords)$/],
  ['caption', /^(?:caption|credit|credits|figcaption|photo|image|media)$/],
  ['content', /^(?:content|article|post|entry|story|body|text|prose|richtext|rte|markdown|blog)$/],
  ['main', /^(?:main|primary|page|single)$/],
  ['hidden', /^(?:hidden|hide|sr|only|visually|screen|offscreen|invisible|collapsed)$/],
  ['modal', /^(?:modal|popup|overlay|dialog|lightbox|drawer|toast)$/],
  ['meta', /^(?:meta|date|time|published|updated|timestamp|info|details)$/],
  ['title', /^(?:title|headline|heading|header|subtitle|dek|standfirst|lede|lead|summary|intro)$/],
  ['button', /^(?:button|btn|cta|link|links|icon)$/],
  ['card', /^(?:card|cards|teaser|tile|tiles|item|items|thumb|thumbnail)$/],
  ['list', /^(?:list|grid|feed|carousel|slider|swiper|gallery|listing)$/],
  ['toc', /^(?:toc|contents|outline|anchor|anchors)$/],
  ['legal', /^(?:copyright|legal|disclaimer|terms|privacy|license)$/],
  ['player', /^(?:video|player|playlist|audio|podcast|jwplayer|youtube)$/],
  ['search', /^(?:search|query|filter|filters|sort)$/],
  ['review', /^(?:rating|ratings|review|reviews|stars|vote|votes)$/],
  ['shop', /^(?:price|cart|buy|product|shop|checkout|basket|offer|sku)$/],
  ['forum', /^(?:message|messages|thread|topic|username|user|signature|postbit|bbcode|answer|question)$/],
  ['code', /^(?:code|highlight|syntax|hljs|prism|pre|example|snippet)$/],
];
const HASH_BUCKETS = 32;
const OWN_TAGS = [
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'div',
  'td',
  'pre',
  'blockquote',
  'figcaption',
  'dd',
  'section',
  'body',
];
const TAG_SLOT: Record<string, string> = {
  h5: 'h4',
  h6: 'h4',
  th: 'td',
  caption: 'figcaption',
  dt: 'dd',
  article: 'section',
  main: 'section',
  aside: 'section',
  header: 'section',
  footer: 'section',
  nav: 'section',
};

// Function words of the languages most of the corpus is written in; the best share over them is
// the feature (prose has many, menus and product grids few).
const STOP_WORDS = [
  'the a an and or of to in on for is are was were be it that this with as at by from not but have has you we they',
  'der die das und oder zu in im ist sind war nicht mit auf für von den dem des ein eine einen es sie wir ich auch',
  'le la les et ou de du des un une est sont pas avec pour dans sur que qui il elle nous vous au aux ce',
  'el la los las y o de del un una es son no con para en por que se lo su al como más',
  'il lo la gli le e o di del un una è sono non con per in su che si al come più',
  'de het een en of van in op is zijn niet met voor dat die te aan er ook je we',
  'o a os as e ou de do da um uma é são não com para em por que se no na ao',
].map((line) => new Set(line.split(' ')));

const HEADING = /^h[1-6]$/;
const BOILERPLATE_HEADING =
  /\b(?:related|comments?|share|newsletter|subscribe|more (?:from|stories|articles|news)|popular|trending|tags|follow us|you (?:may|might) also|read (?:next|more|also)|recommended|about the author|sign up|latest)\b/i;
const SENTENCE_END = /[.!?…:;"”»)]$/;
const WORD = /[\p{L}\p{N}]+/gu;
const PUNCTUATION = /[.,;:!?]/g;
const DIGIT = /\p{N}/gu;

function hashToken(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % HASH_BUCKETS;
}

export const FEATURE_NAMES: readonly string[] = [
  'log_length',
  'log_words',
  'link_density',
  'has_link',
  'punctuation_per_word',
  'ends_sentence',
  'digit_share',
  'capitalised_share',
  'stop_word_share',
  'mean_word_length',
  'position',
  'char_position',
  'depth',
  'parent_log_length',
  'parent_link_density',
  'own_share_of_parent',
  ...OWN_TAGS.map((tag) => `tag_${tag}`),
  ...CONTAINERS.map((name) => `inside_${name}`),
  ...KEYWORDS.map(([name]) => `near_${name}`),
  ...KEYWORDS.map(([name]) => `far_${name}`),
  ...Array.from({ length: HASH_BUCKETS }, (_, i) => `token_hash_${i}`),
  'readability_kept',
  'previous_kept',
  'next_kept',
  'window_kept_share',
  'page_kept_share',
  'is_heading',
  'log_blocks_since_heading',
  'boilerplate_heading_above',
  'duplicate_text',
  'log_page_blocks',
];

// Token → bit mask of the KEYWORDS groups it matches. Pages repeat the same few hundred class
// names, so the cache saves most regex tests; it is bounded so a hostile page cannot grow it.
const keywordCache = new Map<string, number>();
const CACHE_LIMIT = 20_000;

function keywordMask(tokens: readonly string[]): number {
  let mask = 0;
  for (const token of tokens) {
    let bits = keywordCache.get(token);
    if (bits === undefined) {
      bits = 0;
      KEYWORDS.forEach(([, pattern], index) => {
        if (pattern.test(token)) bits! |= 1 << index;
      });
      if (keywordCache.size < CACHE_LIMIT) keywordCache.set(token, bits);
    }
    mask |= bits;
  }
  return mask;
}

const maskBits = (mask: number) => KEYWORDS.map((_, index) => (mask >>> index) & 1);

function textFeatures(text: string): number[] {
  const words = text.match(WORD) ?? [];
  const count = Math.max(1, words.length);
  let capitalised = 0;
  let letters = 0;
  let best = 0;
  for (const word of words) {
    letters += word.length;
    if (word[0] !== word[0]!.toLowerCase()) capitalised++;
  }
  const lower = words.map((word) => word.toLowerCase());
  for (const list of STOP_WORDS) {
    let hits = 0;
    for (const word of lower) if (list.has(word)) hits++;
    best = Math.max(best, hits / count);
  }
  return [
    Math.log1p(text.length),
    Math.log1p(words.length),
    (text.match(PUNCTUATION)?.length ?? 0) / count,
    SENTENCE_END.test(text) ? 1 : 0,
    (text.match(DIGIT)?.length ?? 0) / Math.max(1, text.length),
    capitalised / count,
    best,
    Math.min(20, letters / count) / 10,
  ];
}

const NO_ROW = new Float32Array(0);

/**
 * One feature row per block (FEATURE_NAMES order). `kept[i]` says whether Readability's article
 * holds block i. With `wanted`, only those blocks get a row (the others an empty one): the text
 * features are most of the cost, and a step asks about a few blocks of a page.
 */
export function blockFeatures(
  blocks: readonly Block[],
  kept: readonly boolean[],
  wanted?: readonly boolean[],
): Float32Array[] {
  const n = blocks.length;
  const totalChars = blocks.reduce((sum, block) => sum + block.text.length, 0) || 1;
  const keptChars = blocks.reduce((sum, block, i) => sum + (kept[i] ? block.text.length : 0), 0);
  const seen = new Map<string, number>();
  for (const block of blocks)
    if (block.text.length >= 20) seen.set(block.text, (seen.get(block.text) ?? 0) + 1);
  const rows: Float32Array[] = [];
  let chars = 0;
  let lastHeading = -1;
  let boilerplateHeading = false;
  blocks.forEach((block, i) => {
    const isHeading = HEADING.test(block.tag);
    if (wanted && !wanted[i]) {
      rows.push(NO_ROW);
    } else {
      rows.push(blockRow(block, i));
    }
    chars += block.text.length;
    if (isHeading) {
      lastHeading = i;
      boilerplateHeading = block.text.length < 80 && BOILERPLATE_HEADING.test(block.text);
    }
  });
  return rows;

  function blockRow(block: Block, i: number): Float32Array {
    const [logLength, logWords, punctuation, endsSentence, digits, capitalised, stopWords, wordLength] =
      textFeatures(block.text);
    const tag = TAG_SLOT[block.tag] ?? block.tag;
    const hashes = new Array<number>(HASH_BUCKETS).fill(0);
    for (const token of block.nearTokens) hashes[hashToken(token)] = 1;
    let windowKept = 0;
    let window = 0;
    for (let j = Math.max(0, i - 3); j <= Math.min(n - 1, i + 3); j++) {
      if (j === i) continue;
      window++;
      if (kept[j]) windowKept++;
    }
    const isHeading = HEADING.test(block.tag);
    return Float32Array.from([
      logLength!,
      logWords!,
      block.linkChars / Math.max(1, block.text.length),
      block.linkChars > 0 ? 1 : 0,
      punctuation!,
      endsSentence!,
      digits!,
      capitalised!,
      stopWords!,
      wordLength!,
      n > 1 ? i / (n - 1) : 0,
      chars / totalChars,
      Math.min(60, block.depth) / 30,
      Math.log1p(block.parentText),
      block.parentLinks / Math.max(1, block.parentText),
      block.text.length / Math.max(1, block.parentText, block.text.length),
      ...OWN_TAGS.map((own) => (own === tag ? 1 : 0)),
      ...CONTAINERS.map((_, bit) => ((block.inside >> bit) & 1 ? 1 : 0)),
      ...maskBits(keywordMask(block.nearTokens)),
      ...maskBits(keywordMask(block.farTokens)),
      ...hashes,
      kept[i] ? 1 : 0,
      i > 0 && kept[i - 1] ? 1 : 0,
      i < n - 1 && kept[i + 1] ? 1 : 0,
      window ? windowKept / window : 0,
      keptChars / totalChars,
      isHeading ? 1 : 0,
      Math.log1p(lastHeading < 0 ? i + 1 : i - lastHeading),
      boilerplateHeading ? 1 : 0,
      (seen.get(block.text) ?? 0) > 1 ? 1 : 0,
      Math.log1p(n),
    ]);
  }
}

/**
 * Synthetic library for tests/bench/search.ts: 10,000 articles of generated pseudo-prose with a
 * realistic shape: roughly half the running words are function words; the rest follow Zipf's law
 * over 60,000 words (invented ones, standing in for the names, places and jargon of real text,
 * with the everyday words below spread among them from very common to rare), plus a dozen topic
 * words per article that recur through it and fill its title. Deterministic (seeded).
 */
import type { ArticleMeta, Highlight } from '@/utils/model';
import type { SearchableArticle } from '@/utils/search';

const FUNCTION_WORDS = (
  'the the the of of and and to to a a in in is that for it as was with on be by at from this ' +
  'which or an are not have has but they their were had been its one also we his her more when'
).split(' ');

/** Everyday content words (written for this bench). */
export const COMMON_WORDS = (
  'market river council budget winter harvest engine station village policy report water ' +
  'school doctor patient island bridge forest museum garden letter window kitchen railway ' +
  'science history language teacher economy climate energy housing transport farmer harbour ' +
  'election minister research student library hospital weather mountain fishing festival ' +
  'painting theatre journey evidence witness trial court prison border customs shipping ' +
  'factory worker union strike wages prices interest inflation mortgage tenant landlord ' +
  'computer software network privacy security password archive memory signal satellite ' +
  'vaccine disease treatment surgery nurse clinic ocean storm flood drought wildfire ' +
  'football cricket stadium coach season league record champion mayor district planning ' +
  'timber copper silver cotton coffee bakery recipe orchard vineyard cattle dairy grain ' +
  'ancient medieval empire colony treaty revolution monument cathedral castle ruins ' +
  'fraud scandal audit ledger invoice contract lawsuit verdict appeal pension savings ' +
  'rocket telescope planet galaxy eclipse comet physics chemistry biology genome protein ' +
  'novel poetry chapter author publisher review critic gallery sculpture camera portrait'
).split(/\s+/);

const SYLLABLES = (
  'ka lo mi ven tor sa bri del un ost rai pel gor nim tha ru fes lan dor vik mar sel tun ' +
  'qui bel ash orn ep ix al cor dra fin gal hel jun kes lom nor pim rav sto tem ulm wex yar zel'
).split(' ');

/** Mulberry32: a tiny seeded PRNG, so every run measures the same library. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Corpus {
  articles: SearchableArticle[];
  /** The content vocabulary, most frequent first: invented words with COMMON_WORDS spread among them. */
  vocabulary: string[];
  tags: string[];
}

export function generateCorpus(count: number, seed = 42): Corpus {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  // P(rank r) ∝ 1/r over [from, to): a word's frequency falls with its rank, as in real text.
  const zipfRank = (from: number, to: number) => Math.floor(from * (to / from) ** random());

  const invented = new Set<string>();
  while (invented.size < 60_000) {
    let word = '';
    for (let n = int(2, 4); n > 0; n--) word += pick(SYLLABLES);
    if (!COMMON_WORDS.includes(word)) invented.add(word);
  }
  const vocabulary = [...invented];
  // Real words at ranks from 5 to ~20,000, so queries can be common (in most articles) or rare.
  COMMON_WORDS.forEach((word, i) => {
    vocabulary.splice(Math.round(5 * 4000 ** (i / COMMON_WORDS.length)), 0, word);
  });
  const content = (from = 1) => vocabulary[zipfRank(from, vocabulary.length) - 1]!;
  const tags = [...COMMON_WORDS.slice(0, 50), 'long read', 'to cite', 'Machine learning', 'AI', 'Policy'];
  const sites = Array.from(
    { length: 200 },
    () => `${pick(SYLLABLES)}${pick(SYLLABLES)} ${pick(['Times', 'Review', 'Post', 'Journal', 'Weekly'])}`,
  );
  const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

  const sentence = (topic: readonly string[]): string => {
    const words: string[] = [];
    for (let n = int(8, 24); n > 0; n--) {
      const r = random();
      words.push(r < 0.48 ? pick(FUNCTION_WORDS) : r < 0.6 ? pick(topic) : content());
    }
    return `${capital(words.join(' '))}.`;
  };
  const prose = (wordCount: number, topic: readonly string[]): string => {
    const out: string[] = [];
    for (let words = 0; words < wordCount; ) {
      const s = sentence(topic);
      out.push(s);
      words += s.split(' ').length;
    }
    return out.join(' ');
  };

  const articles: SearchableArticle[] = [];
  const start = Date.UTC(2019, 0, 1);
  for (let i = 0; i < count; i++) {
    const id = `a${i.toString(36).padStart(5, '0')}`;
    const topic = Array.from({ length: 12 }, () => content(50));
    const text = prose(int(300, 5000), topic);
    const title = capital(
      Array.from({ length: int(3, 10) }, () => (random() < 0.7 ? pick(topic) : content(20))).join(' '),
    );
    const savedAt = start + int(0, 6 * 365) * 86_400_000;
    const meta: ArticleMeta = {
      id,
      url: `https://news${i % 200}.example/${id}`,
      canonicalUrl: `https://news${i % 200}.example/${id}`,
      title,
      byline: random() < 0.7 ? `${capital(content(100))} ${capital(content(100))}` : null,
      siteName: random() < 0.8 ? sites[i % 200]! : null,
      publishedTime: random() < 0.75 ? new Date(savedAt - int(0, 400) * 86_400_000).toISOString() : null,
      lang: 'en',
      dir: 'ltr',
      leadImage: null,
      excerpt: text.slice(0, 200),
      wordCount: text.split(' ').length,
      readingTimeMinutes: Math.ceil(text.split(' ').length / 230),
      tags: Array.from({ length: int(0, 4) }, () => pick(tags)),
      favourite: random() < 0.1 ? 1 : 0,
      archived: random() < 0.3 ? 1 : 0,
      savedAt,
      updatedAt: savedAt + int(0, 1e6),
      readAt: random() < 0.5 ? savedAt + 3_600_000 : null,
      progress: random(),
    };
    const highlights: Highlight[] = [];
    if (random() < 0.05) {
      for (let h = int(1, 6); h > 0; h--) {
        const startAt = int(0, Math.max(0, text.length - 300));
        const exact = text.slice(startAt, startAt + int(40, 280));
        highlights.push({
          id: `${id}-h${h}`,
          articleId: id,
          color: 'yellow',
          note: random() < 0.6 ? prose(int(5, 40), topic) : '',
          quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start: startAt, end: startAt + exact.length },
          createdAt: savedAt,
          updatedAt: savedAt,
        });
      }
    }
    articles.push({ meta, text, highlights });
  }
  return { articles, vocabulary, tags };
}

/**
 * `npm run bench:anchor`: how often highlights re-anchor in the right place after the page
 * changes, and how fast anchoring is on a 1 MB article.
 *
 * Quotes are drawn from the Readability corpus's expected.html (../shared, skipped with a notice
 * when absent) and from tests/fixtures/annotation. Each is described on the "reader copy", then
 * re-anchored on a "live page" (with anchorAll together with the article's other highlights, and
 * with anchor alone, as locateAll/locate spans): the same article cloned into
 * site chrome (header, sidebar teaser, an advert between blocks, footer), after one mutation.
 * Invisible marker elements placed around the passage before the mutation tell where the
 * original passage is afterwards (they add no text). "correct": the anchored span overlaps the
 * passage by at least half of their union (exact boundaries are counted too); for a deleted
 * passage, an orphan or a place whose text is the quote itself (a legitimate duplicate).
 * Quotes the article repeats with the same text on one side (or that the page's teaser repeats)
 * are tallied apart: text cannot tell those copies apart, only position can.
 *
 * Knobs: CASE=text,1-char (cases whose names start so; CASE=speed: the timing only), NO_SPEED=1,
 * DEBUG=1 (print misses), SEED=n (another draw of quotes and mutations).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JSDOM } from 'jsdom';
import {
  type AnchorSelectors,
  type AnchorSpan,
  anchorAll,
  buildTextModel,
  describe,
  type HighlightSelectors,
  locate,
  locateAll,
  normaliseSpace,
  pointToTextOffset,
  rangeToTextOffsets,
  type TextModel,
  type TextSpan,
  textOffsetsToRange,
} from '../../utils/annotation';

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/readability-test-pages');
const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures/annotation');
const QUOTES_PER_PAGE = 4;
const QUOTES_PER_FIXTURE = 24;
const LEAF_BLOCKS = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, td, th, dd, dt, pre, figcaption';
const WORDS = (
  'river lantern copper meadow quietly borrowed seventeen window harbour violet engine pattern ' +
  'gentle orbit market thunder pocket silver anchor ladder morning fabric signal distant tunnel'
).split(' ');

let seed = Number(process.env.SEED ?? 20261128);
/** Mulberry32: a seeded generator, so every run draws the same quotes and mutations. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

const { document: doc } = new JSDOM('<!doctype html><body></body>').window;

function loadArticles(): { name: string; html: string }[] {
  const articles: { name: string; html: string }[] = [];
  if (existsSync(CORPUS)) {
    for (const dir of readdirSync(CORPUS).sort()) {
      const file = path.join(CORPUS, dir, 'expected.html');
      if (existsSync(file)) articles.push({ name: dir, html: readFileSync(file, 'utf8') });
    }
  } else console.warn(`⚠ ${CORPUS} is absent: the corpus part of the benchmark is skipped.`);
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('-reader.html'))) {
    articles.push({ name: `fixture:${file}`, html: readFileSync(path.join(FIXTURES, file), 'utf8') });
  }
  return articles;
}

function element(html: string): HTMLElement {
  const root = doc.createElement('div');
  root.innerHTML = html;
  return root;
}

interface Quote {
  root: HTMLElement;
  selectors: HighlightSelectors;
  /** Child-index paths (from root) of the passage's start and end text nodes. */
  startPath: number[];
  endPath: number[];
  startOffset: number;
  endOffset: number;
  /** All quotes drawn from the same article (this one included). */
  siblings: Quote[];
  /** Another copy of the quote in the article has the same text on one side: text can't tell them apart. */
  ambiguous: boolean;
}

/** Whether `text` holds the quote elsewhere with the same prefix or the same suffix. */
function isAmbiguous(text: string, { quote, position }: HighlightSelectors): boolean {
  for (let i = text.indexOf(quote.exact); i !== -1; i = text.indexOf(quote.exact, i + 1)) {
    if (i === position.start) continue;
    if (text.startsWith(quote.suffix, i + quote.exact.length) || text.slice(0, i).endsWith(quote.prefix))
      return true;
  }
  return false;
}

function pathOf(root: Node, node: Node): number[] {
  const steps: number[] = [];
  for (let n = node; n !== root; n = n.parentNode!)
    steps.unshift([...n.parentNode!.childNodes].indexOf(n as ChildNode));
  return steps;
}
const follow = (root: Node, steps: number[]) => steps.reduce<Node>((n, i) => n.childNodes[i]!, root);

/** Draws word-aligned passages inside leaf blocks: short phrases, sentences and whole blocks. */
function drawQuotes(root: HTMLElement, count: number): Quote[] {
  const model = buildTextModel(root);
  const blocks = [...root.querySelectorAll(LEAF_BLOCKS)].filter(
    (b) => !b.querySelector(LEAF_BLOCKS) && (b.textContent ?? '').trim().length >= 20,
  );
  const quotes: Quote[] = [];
  for (let attempt = 0; quotes.length < count && attempt < count * 10 && blocks.length > 0; attempt++) {
    const block = pick(blocks);
    const whole = doc.createRange();
    whole.selectNodeContents(block);
    const span = rangeToTextOffsets(model, whole)!;
    const text = model.text.slice(span.start, span.end);
    const spaced = (text.match(/ /g) ?? []).length >= 3;
    const tokens = [...text.matchAll(spaced ? /\S+/g : /[^ ]{1,6}/g)];
    const size = random();
    const words =
      size < 0.3 ? 1 + Math.floor(random() * 4) : size < 0.8 ? 5 + Math.floor(random() * 25) : 200;
    const from = Math.floor(random() * Math.max(1, tokens.length - words));
    const last = tokens[Math.min(tokens.length, from + words) - 1];
    if (!last || tokens[from]!.index === undefined) continue;
    const range = textOffsetsToRange(
      model,
      span.start + tokens[from]!.index,
      span.start + last.index + last[0].length,
    );
    const selectors = describe(model, range);
    if (!selectors || selectors.quote.exact.length < 3) continue;
    quotes.push({
      root,
      selectors,
      startPath: pathOf(root, range.startContainer),
      endPath: pathOf(root, range.endContainer),
      startOffset: range.startOffset,
      endOffset: range.endOffset,
      siblings: quotes,
      // The live page's teaser repeats the start of the first block (see livePage).
      ambiguous: isAmbiguous(model.text, selectors) || teaserOf(root).includes(selectors.quote.exact),
    });
  }
  return quotes;
}

const teaserOf = (article: Element) =>
  normaliseSpace(article.querySelector(LEAF_BLOCKS)?.textContent ?? '')
    .trim()
    .slice(0, 80);

/** The live page: chrome around a clone of the article, with markers around the passage. */
function livePage(q: Quote) {
  const article = q.root.cloneNode(true) as HTMLElement;
  const endText = follow(article, q.endPath) as Text;
  const startText = follow(article, q.startPath) as Text;
  const endMark = doc.createElement('rm-end');
  const startMark = doc.createElement('rm-start');
  endText.parentNode!.insertBefore(endMark, endText.splitText(q.endOffset));
  startText.parentNode!.insertBefore(startMark, startText.splitText(q.startOffset));
  const blocks = [...article.querySelectorAll(LEAF_BLOCKS)];
  const teaser = teaserOf(article);
  const page = element(
    `<header><a href="/">The Daily Example</a><nav><a>World</a> <a>Business</a> <a>Culture</a></nav></header>` +
      `<aside><h3>Read next</h3><p>${teaser}…</p></aside><main></main><footer>© The Daily Example · Privacy · Terms</footer>`,
  );
  page.querySelector('main')!.append(article);
  const ad = doc.createElement('div');
  ad.textContent = 'Advertisement · Continue reading below';
  const at = pick(blocks);
  if (at && !at.contains(startMark) && !at.contains(endMark)) at.parentNode!.insertBefore(ad, at);
  return { page, article, startMark, endMark };
}

type Live = ReturnType<typeof livePage>;
const leafBlockOf = (n: Node) => (n.parentElement as Element).closest(LEAF_BLOCKS);

/** Text nodes strictly between the two markers. */
function textsBetween(live: Live): Text[] {
  const walker = doc.createTreeWalker(live.article, 4);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const afterStart = live.startMark.compareDocumentPosition(n) & 4;
    const beforeEnd = live.endMark.compareDocumentPosition(n) & 2;
    if (afterStart && beforeEnd) texts.push(n as Text);
  }
  return texts;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const CJK_WORDS = ['河流', '灯笼', '铜板', '草地', '窗户', '港口', '信号', '隧道'];
/** Words: runs between spaces, or pairs of characters in scripts written without spaces. */
const wordsOf = (text: string) => [...text.matchAll(CJK.test(text) ? /[^\s]{1,2}/g : /\S+/g)];

function wordsBetween(live: Live): { node: Text; index: number; length: number; cjk: boolean }[] {
  return textsBetween(live).flatMap((node) =>
    wordsOf(node.data).map((m) => ({ node, index: m.index, length: m[0].length, cjk: CJK.test(m[0]) })),
  );
}

const MUTATIONS: Record<string, (live: Live, q: Quote) => void> = {
  'live page, unchanged': () => {},
  'text inserted before': (live) => {
    const blocks = [...live.article.querySelectorAll(LEAF_BLOCKS)];
    const own = leafBlockOf(live.startMark);
    const before = blocks.slice(0, Math.max(1, own ? blocks.indexOf(own) + 1 : 1));
    if (random() < 0.5 || before.length === 0) {
      live.startMark.before(doc.createTextNode(` ${sentence(6)}. `));
    } else {
      const p = doc.createElement('p');
      p.textContent = `${sentence(12)}.`;
      const at = pick(before);
      at.parentNode!.insertBefore(p, at);
    }
  },
  '1-char edit inside': (live) => {
    const spots = textsBetween(live).flatMap((node) =>
      [...node.data.matchAll(/\S/g)].map((m) => ({ node, i: m.index })),
    );
    const spot = pick(spots);
    const kind = random();
    const letter = pick(['x', 'q', 'z', 'k']);
    if (kind < 0.4) spot.node.replaceData(spot.i, 1, letter);
    else if (kind < 0.7) spot.node.deleteData(spot.i, 1);
    else spot.node.insertData(spot.i, letter);
  },
  '~25% of words edited': (live) => {
    const words = wordsBetween(live);
    const chosen = new Set<number>();
    const target = Math.round(words.length / 4);
    while (chosen.size < target) chosen.add(Math.floor(random() * words.length));
    // Replace from the end so earlier indexes in the same node stay valid.
    for (const i of [...chosen].sort((a, b) => b - a)) {
      const w = words[i]!;
      w.node.replaceData(w.index, w.length, pick(w.cjk ? CJK_WORDS : WORDS));
    }
  },
  'duplicate passage added': (live, q) => {
    const p = doc.createElement('p');
    p.textContent = q.selectors.quote.exact;
    const at = pick([...live.article.querySelectorAll(LEAF_BLOCKS)]);
    at.parentNode!.insertBefore(p, random() < 0.5 ? at : at.nextSibling);
  },
  'paragraph deleted': (live) => {
    for (const mark of [live.startMark, live.endMark]) leafBlockOf(mark)?.remove();
    live.startMark.remove();
    live.endMark.remove();
  },
  'whitespace reflow': (live) => {
    const walker = doc.createTreeWalker(live.article, 4);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      n.data = n.data.replace(/\s+/g, () => pick([' ', '\n', '\n      ', '  ', '\u00a0', '\t']));
    }
    for (const block of live.article.querySelectorAll(LEAF_BLOCKS)) block.after(doc.createTextNode('\n  '));
  },
  'element re-wrap': (live) => {
    const block = leafBlockOf(live.startMark) ?? live.article;
    for (const text of [...block.querySelectorAll('*'), block].flatMap((e) =>
      [...e.childNodes].filter((c): c is Text => c.nodeType === 3),
    )) {
      const parts = text.data.split(/(\s+)/).map((part) => {
        if (/^\s*$/.test(part)) return doc.createTextNode(part);
        const span = doc.createElement('span');
        span.textContent = part;
        return span;
      });
      text.replaceWith(...parts);
    }
    const div = doc.createElement('div');
    div.className = 'wrap';
    block.replaceWith(div);
    const inner = doc.createElement(block.localName === 'p' ? 'div' : block.localName);
    inner.append(...block.childNodes);
    div.append(inner);
    const outer = doc.createElement('div');
    live.article.replaceWith(outer);
    outer.append(live.article);
  },
};

interface Tally {
  n: number;
  correct: number;
  exactBounds: number;
  wrong: number;
  orphan: number;
}
const tally = (): Tally => ({ n: 0, correct: 0, exactBounds: 0, wrong: 0, orphan: 0 });

/** With DEBUG=1, prints a miss: the stored quote, what was found and where the passage is. */
function explain(
  kind: string,
  model: TextModel,
  q: Quote,
  found: AnchorSpan | null,
  expected?: TextSpan,
): void {
  if (!process.env.DEBUG) return;
  const around = (span: TextSpan) => JSON.stringify(model.text.slice(span.start - 40, span.end + 40));
  console.log(
    kind,
    JSON.stringify(q.selectors.quote),
    found,
    found && around(found),
    expected && around(expected),
  );
}

/** Counts one anchoring of `q` on the mutated live page (whose model is `model`). */
function judge(model: TextModel, live: Live, q: Quote, found: AnchorSpan | null, t: Tally): void {
  t.n++;
  if (!live.page.contains(live.startMark)) {
    // Deleted: an orphan is right, and so is a place that holds the very same text.
    if (!found) t.orphan++;
    if (!found || model.text.slice(found.start, found.end) === q.selectors.quote.exact) t.correct++;
    else {
      t.wrong++;
      explain('WRONG (deleted)', model, q, found);
    }
    return;
  }
  const at = (m: Element, side: 'start' | 'end') =>
    pointToTextOffset(model, m.parentNode!, [...m.parentNode!.childNodes].indexOf(m), side);
  const expected = { start: at(live.startMark, 'start'), end: at(live.endMark, 'end') };
  if (!found) {
    t.orphan++;
    explain('ORPHAN', model, q, found, expected);
    return;
  }
  const overlap = Math.min(found.end, expected.end) - Math.max(found.start, expected.start);
  const union = Math.max(found.end, expected.end) - Math.min(found.start, expected.start);
  if (overlap / union >= 0.5) t.correct++;
  else {
    t.wrong++;
    explain('WRONG', model, q, found, expected);
  }
  if (found.start === expected.start && found.end === expected.end) t.exactBounds++;
}

function mutationBench(title: string, quotes: Quote[]): void {
  const row = (name: string, all: Tally, one?: Tally) => {
    const pct = (t: Tally) => (n: number) => `${((100 * n) / t.n).toFixed(1)}%`.padStart(8);
    const counts = [all.correct, all.exactBounds, all.wrong, all.orphan].map(pct(all)).join('');
    const alone = one ? `   │${[one.correct, one.wrong, one.orphan].map(pct(one)).join('')}` : '';
    console.log(`${name.padEnd(26)}${counts}${alone}${all.n < quotes.length ? `  (${all.n} quotes)` : ''}`);
  };
  console.log(
    `\n${title}: ${quotes.length} quotes from ${new Set(quotes.map((q) => q.root)).size} articles\n`,
  );
  console.log(`${''.padEnd(26)}${'─── anchorAll ───'.padStart(26)}${'──── anchor() ────'.padStart(32)}`);
  const heads = ['correct', 'exact', 'wrong', 'orphan'].map((h) => h.padStart(8)).join('');
  const tail = ['correct', 'wrong', 'orphan'].map((h) => h.padStart(8)).join('');
  console.log(`${'case'.padEnd(26)}${heads}   │${tail}`);
  const same = tally();
  same.n = quotes.length;
  for (const q of quotes) {
    const found = locate(buildTextModel(q.root), q.selectors);
    if (!found) same.orphan++;
    else if (found.start === q.selectors.position.start && found.end === q.selectors.position.end) {
      same.correct++;
      same.exactBounds++;
    } else same.wrong++;
  }
  row('reader copy (same DOM)', same);
  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    if (process.env.CASE && !process.env.CASE.split(',').some((c) => name.startsWith(c))) continue;
    const [all, one] = [tally(), tally()];
    for (const q of quotes) {
      // A quarter of one to three words is not a quarter: that case takes quotes of 4+ words.
      if (name.startsWith('~25%') && wordsOf(q.selectors.quote.exact).length < 4) continue;
      const live = livePage(q);
      mutate(live, q);
      const model = buildTextModel(live.page);
      const together = locateAll(
        model,
        q.siblings.map((s) => s.selectors),
      );
      judge(model, live, q, together[q.siblings.indexOf(q)] ?? null, all);
      judge(model, live, q, locate(model, q.selectors), one);
    }
    row(name, all, one);
  }
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/**
 * Anchoring 100 highlights on an article of ≥ 1 MB of text, the text model built once. locateAll
 * is the anchoring itself; anchorAll adds making DOM Ranges, which jsdom does in time linear in
 * the document (its boundary-point comparison walks the tree), unlike browsers.
 */
function speedBench(articles: { html: string }[]): void {
  let html = '';
  let big = element('');
  for (let round = 0; big.textContent!.length < 1_000_000; round++) {
    html += articles.map((a) => a.html).join('\n');
    big = element(html);
    if (round > 50) throw new Error('speed bench: articles too small');
  }
  const model = buildTextModel(big);
  const highlights: AnchorSelectors[] = drawQuotes(big, 100).map((q) => q.selectors);
  const page = element(
    `<header>Site name · Menu · Search</header><main>${html}</main><footer>Footer</footer>`,
  );
  doc.body.append(page);
  const baseline = time(() => {
    for (const h of highlights) model.text.indexOf(h.quote.exact);
  });
  const build = time(() => buildTextModel(page));
  const live = buildTextModel(page);
  const edited = highlights.map((h) => ({
    ...h,
    quote: { ...h.quote, exact: `${h.quote.exact.slice(0, 2)}x${h.quote.exact.slice(3)}` },
  }));
  let fuzzyFound = 0;
  const figures: [string, number][] = [
    ['locateAll, reader copy', time(() => locateAll(model, highlights))],
    ['locateAll, live page (chrome, shifted text)', time(() => locateAll(live, highlights))],
    [
      'locateAll, live page, every quote 1 char off',
      time(() => {
        fuzzyFound = locateAll(live, edited).filter(Boolean).length;
      }),
    ],
    [
      'locate × 100, live page (no shift estimate)',
      time(() => {
        for (const h of highlights) locate(live, h);
      }),
    ],
    ['anchorAll, live page (with jsdom Ranges)', time(() => anchorAll(live, highlights))],
  ];
  console.log(`\n1 MB article: ${(live.text.length / 1e6).toFixed(2)} M characters of text, 100 highlights`);
  console.log(`  ${'baseline: 100 × indexOf of the quote'.padEnd(46)}${baseline.toFixed(1).padStart(8)} ms`);
  console.log(`  ${'build the text model (once, live page)'.padEnd(46)}${build.toFixed(1).padStart(8)} ms`);
  for (const [label, ms] of figures) {
    console.log(
      `  ${label.padEnd(46)}${ms.toFixed(1).padStart(8)} ms  (${(ms / baseline).toFixed(1)}× baseline)`,
    );
  }
  console.log(`  (1 char off: ${fuzzyFound}/100 anchored)`);
}

const articles = loadArticles();
const quotes = articles.flatMap((a) =>
  drawQuotes(element(a.html), a.name.startsWith('fixture:') ? QUOTES_PER_FIXTURE : QUOTES_PER_PAGE),
);
if (process.env.CASE !== 'speed') {
  console.log('anchorAll: all highlights of the article at once (as the content script does);');
  console.log('anchor(): the one highlight alone, with no other highlight to tell how the page moved.');
  mutationBench(
    'Quotes that text alone identifies',
    quotes.filter((q) => !q.ambiguous),
  );
  mutationBench(
    'Ambiguous quotes (the article repeats the quote with the same text on one side; only position tells)',
    quotes.filter((q) => q.ambiguous),
  );
}
if (!process.env.NO_SPEED && (!process.env.CASE || process.env.CASE === 'speed')) speedBench(articles);

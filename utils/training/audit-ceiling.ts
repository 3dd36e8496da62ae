/**
 * `npx tsx utils/training/audit-ceiling.ts [page type]` (default article): the ceiling of the
 * block choice on the TRAIN pages, and where what is left of the gap goes (README, Model,
 * round 14). For each page: the pipeline's steps before Readability (`segmentPage`), every block
 * labelled by labels.ts, the text of the blocks labelled boilerplate removed from the page, the
 * rest read as the output is (`blockText`) and scored (metric.ts). Each truth shingle that text
 * lacks, and each it has too many of, is put down to the first cause below that explains it;
 * "fixed" is the F1 over the pages if that cause's shingles counted as right. Never reads
 * validation pages.
 */
import { parseHTML } from 'linkedom';
import { blockText, parsePage, segmentPage } from '@/utils/extraction';
import { BLOCK_ELEMENTS, type ElementKind, elementKind, SKIPPED_ELEMENTS, walkText } from '@/utils/model';
import { loadTruth, readPageHtml, type TruthPage } from './corpus';
import { blockLabels } from './labels';
import { aggregate, SHINGLE_SIZE, shingleCounts, shingles, tokenize } from './metric';
import { loadSplit, partOf } from './split';

/**
 * The text under `root` with lines broken as blockText does, each element treated as `kindOf`
 * says. A document is read element by element from its top: linkedom may put <head> and <body>
 * side by side there, with no <html> (what settleBody mends in the pipeline).
 */
function textOf(root: Element | Document, kindOf: (el: Element) => ElementKind): string {
  let text = '';
  const tops = root.nodeType === 9 ? [...root.childNodes].filter((node) => node.nodeType === 1) : [root];
  for (const top of tops)
    walkText(top, { text: (node) => (text += node.data), blockEdge: () => (text += ' ') }, kindOf);
  return text;
}

/** Skips only the elements of `skipped`: hidden ones are read. */
const skipping =
  (skipped: ReadonlySet<string>) =>
  (el: Element): ElementKind => {
    const name = el.localName.toLowerCase();
    if (skipped.has(name)) return 'skip';
    return BLOCK_ELEMENTS.has(name) ? 'block' : 'inline';
  };
const ATTRIBUTES = ['alt', 'title', 'aria-label', 'value', 'placeholder'];

const keysOf = (text: string) => new Set(shingles(text).keys());
// Soft hyphens, zero-width spaces and joiners: invisible, yet they split a token.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const folded = (text: string) => tokenize(text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase());
const foldedKey = (key: string) => folded(key).join(' ');
// An ordered list's number as the truth writes it at the start of a line ("1. ", "b) ").
const LIST_NUMBER = /^\s*(?:\d+|[a-z])[.)]\s+/i;

/** Shingles of the joined content blocks that touch a block too short to have shingles of its own. */
function shortBlockEdges(texts: readonly string[]): Set<string> {
  const tokens = texts.flatMap((text) => {
    const words = tokenize(text);
    return words.map((word) => ({ word, short: words.length < SHINGLE_SIZE }));
  });
  const edges = new Set<string>();
  for (let i = 0; i + SHINGLE_SIZE <= tokens.length; i++) {
    const window = tokens.slice(i, i + SHINGLE_SIZE);
    if (window.some((token) => token.short)) edges.add(window.map((token) => token.word).join(' '));
  }
  return edges;
}

interface PageAudit {
  tp: number;
  missing: Map<string, number>;
  extra: Map<string, number>;
}

function auditPage(page: TruthPage): PageAudit {
  const html = readPageHtml(page.id);
  // The raw page read from the document itself: linkedom may leave text after <body>.
  const raw = parseHTML(html).document as unknown as Document;
  const rawVisible = keysOf(textOf(raw, elementKind));
  const rawWithHidden = keysOf(textOf(raw, skipping(SKIPPED_ELEMENTS)));
  const unseen = [...SKIPPED_ELEMENTS]
    .filter((tag) => tag !== 'head' && tag !== 'title')
    .map((tag) => ({
      tag,
      // A <noscript> or <template> parsed with scripting on holds its markup as text.
      keys: keysOf(
        [...raw.getElementsByTagName(tag)]
          .map((el) => (el.textContent ?? '').replace(/<[^>]*>/g, ' '))
          .join(' \n '),
      ),
    }));
  const attributeText = [...raw.getElementsByTagName('*')]
    .flatMap((el) => ATTRIBUTES.map((name) => el.getAttribute(name) ?? ''))
    .join(' \n ');
  const attributes = keysOf(attributeText);
  const everything = `${textOf(raw, skipping(new Set()))} ${attributeText}`;

  const doc = parsePage(html);
  const { prepared, body, blocks } = segmentPage(doc, page.url);
  const labels = blockLabels(
    blocks.map((block) => block.text),
    page.main_content,
  );
  const prepText = keysOf(body ? blockText(body) : '');
  const inBoilerplate = new Set(
    blocks.flatMap((block, i) => (labels[i] ? [] : [...shingles(block.text).keys()])),
  );
  const inContent = new Set(
    blocks.flatMap((block, i) => (labels[i] ? [...shingles(block.text).keys()] : [])),
  );
  const shortEdges = shortBlockEdges(blocks.flatMap((block, i) => (labels[i] ? [block.text] : [])));
  blocks.forEach((block, i) => {
    if (!labels[i]) for (const node of block.texts) node.remove();
  });
  const oracle = body ? blockText(body) : '';
  const removed = prepared.removals.map((removal) => ({
    rule: removal.rule,
    keys: keysOf(textOf(removal.el, skipping(SKIPPED_ELEMENTS))),
  }));

  const truthLines = page.main_content.split('\n');
  const inOneLine = new Set(truthLines.flatMap((line) => [...shingles(line).keys()]));
  const unnumbered = keysOf(truthLines.map((line) => line.replace(LIST_NUMBER, '')).join('\n'));
  const oracleFolded = keysOf(folded(oracle).join(' '));
  const pageFolded = keysOf(folded(everything).join(' '));
  const truthFolded = keysOf(folded(page.main_content).join(' '));
  const glued = (key: string, text: string) => folded(text).join('').includes(folded(key).join(''));

  const truth = shingles(page.main_content);
  const found = shingles(oracle);
  const audit: PageAudit = {
    tp: shingleCounts(page.main_content, oracle).tp,
    missing: new Map(),
    extra: new Map(),
  };
  const add = (map: Map<string, number>, cause: string, n: number) =>
    map.set(cause, (map.get(cause) ?? 0) + n);
  for (const [key, want] of truth) {
    const got = found.get(key) ?? 0;
    if (got >= want) continue;
    add(audit.missing, missingCause(key, got), want - got);
  }
  for (const [key, got] of found) {
    const want = truth.get(key) ?? 0;
    if (got <= want) continue;
    add(audit.extra, extraCause(key, want), got - want);
  }
  return audit;

  function missingCause(key: string, got: number): string {
    if (got > 0) return 'fewer repeats than the truth';
    if (inBoilerplate.has(key)) return '(b) inside a block labelled boilerplate';
    if (prepText.has(key)) return '(e) across block edges (another block between, another order)';
    const removal = removed.find((each) => each.keys.has(key));
    if (removal) return `(a) removed by prepare: ${removal.rule}`;
    if (rawVisible.has(key)) return '(a) edges next to what prepare removed, or another step';
    if (rawWithHidden.has(key)) return '(a) hidden on the raw page, prepare not involved';
    const element = unseen.find((each) => each.keys.has(key));
    if (element) return `(a) text of <${element.tag}>`;
    if (attributes.has(key)) return '(a) attribute text (alt, title, …)';
    if (oracleFolded.has(foldedKey(key))) return '(c) case or NFKC only, in the output';
    if (pageFolded.has(foldedKey(key))) return '(c) case or NFKC only, elsewhere on the page';
    if (glued(key, oracle)) return '(c) words glued or split, in the output';
    if (glued(key, everything)) return '(c) words glued or split, elsewhere on the page';
    if (!inOneLine.has(key))
      return unnumbered.has(key)
        ? '(d) spans truth lines not next to each other on the page'
        : '(c) an ordered list number the truth writes';
    return '(d) not on the page';
  }

  function extraCause(key: string, want: number): string {
    if (want > 0) return 'more repeats than the truth';
    if (truthFolded.has(foldedKey(key))) return '(c) case or NFKC only';
    if (inContent.has(key)) return '(b) inside a block labelled content';
    if (glued(key, page.main_content)) return '(c) words glued or split';
    if (shortEdges.has(key)) return '(e) across the edge of a short block labelled content';
    return '(e) across the edges of longer blocks';
  }
}

/** The F1 over the pages with the shingles of the causes `fixed` counted as right. */
function f1With(audits: readonly PageAudit[], fixed: (cause: string) => boolean) {
  return aggregate(
    audits.map(({ tp, missing, extra }) => {
      let right = tp;
      let wrong = 0;
      let lacking = 0;
      for (const [cause, n] of missing) {
        if (fixed(cause)) right += n;
        else lacking += n;
      }
      for (const [cause, n] of extra) if (!fixed(cause)) wrong += n;
      return {
        precision: right + wrong ? right / (right + wrong) : null,
        recall: right + lacking ? right / (right + lacking) : null,
      };
    }),
  );
}

const type = process.argv[2] ?? 'article';
const split = loadSplit();
const pages = loadTruth().filter((page) => partOf(page, split) === 'train' && page.page_type === type);
const audits = pages.map(auditPage);
const figure = (a: ReturnType<typeof aggregate>) =>
  `F1 ${a.f1.toFixed(4)} (P ${a.precision.toFixed(4)} / R ${a.recall.toFixed(4)})`;
const sum = (pick: (audit: PageAudit) => number) => audits.reduce((total, audit) => total + pick(audit), 0);
const total = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
console.log(
  `${pages.length} train pages of type ${type}: the blocks labelled content, ${figure(f1With(audits, () => false))}`,
);
console.log(
  `shingles found ${sum((a) => a.tp)}, missing ${sum((a) => total(a.missing))}, extra ${sum((a) => total(a.extra))}`,
);
for (const side of ['missing', 'extra'] as const) {
  console.log(
    `\n${side === 'missing' ? 'Missing (in the truth, not produced)' : 'Extra (produced, not in the truth)'}`,
  );
  const causes = new Map<string, { shingles: number; pages: number }>();
  for (const audit of audits)
    for (const [cause, n] of audit[side]) {
      const entry = causes.get(cause) ?? { shingles: 0, pages: 0 };
      causes.set(cause, { shingles: entry.shingles + n, pages: entry.pages + 1 });
    }
  for (const [cause, { shingles: n, pages: on }] of [...causes].sort((a, b) => b[1].shingles - a[1].shingles))
    console.log(
      `  ${cause}: ${n} shingles on ${on} pages; fixed → ${figure(f1With(audits, (c) => c === cause))}`,
    );
}

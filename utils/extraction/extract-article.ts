import { Readability } from '@mozilla/readability';
import { CodedError, type ExtractedArticle, OPENING_CHARS } from '@/utils/model';
import { addBackCandidates, addBackRows, addBlocks, chooseAddBack } from './add-back';
import { ADD_BACK_FEATURE_NAMES, blockAncestry, placements } from './add-back-features';
import { blockFeatures, FEATURE_NAMES } from './block-features';
import { blockLines, openingText } from './block-text';
import { type Block, segmentBlocks } from './blocks';
import { tidyContentImages } from './content-images';
import { defusePage, safeCall, safeGet } from './defuse-page';
import modelFile from './extract-model.json';
import {
  blockProbabilities,
  classifyPage,
  clearBlockMarks,
  decideBlocks,
  droppableBlocks,
  isStructural,
  keptBlocks,
  removeBlocks,
  restoreRemovals,
} from './learned-filter';
import { checkModel, type ExtractModel } from './learned-model';
import { buildMetadata, readPageFacts } from './metadata';
import { settleBody, unwrapNoscripts } from './page-body';
import { PAGE_FEATURE_NAMES, pageFeatures } from './page-features';
import { type Prepared, prepare } from './prepare';
import { measureReading } from './reading-time';
import type { Sanitiser } from './sanitise';
import { standardise } from './standardise';
import { completeStreamedBoundaries } from './streamed-boundaries';
import { someText } from './walk-elements';

/** Characters of the opening an excerpt keeps when the page gives no description. */
const EXCERPT_CHARS = 200;

export interface ExtractOptions {
  /** The page's URL: relative links resolve against it, and it is the fallback canonical URL. */
  url: string;
  /** Sanitiser to run last. Omit only where the caller sanitises the result itself (a Worker has no DOM DOMPurify can use). */
  sanitise?: Sanitiser;
}

/**
 * The extraction pipeline over a copy of `doc` (never `doc` itself: every step mutates).
 * Throws when no article text can be found.
 */
export function extractArticle(doc: Document, options: ExtractOptions): ExtractedArticle {
  // From the prototype: <form name="cloneNode"> shadows document.cloneNode in a real DOM.
  const copy = () => safeCall<Document>(doc, 'cloneNode', true);
  return extractOwnedDocument(copy(), options, copy);
}

/**
 * The pipeline on a document it may mutate: prepare → Readability → standardise → metadata →
 * sanitise. extractFromHtml parses straight into one and skips the copy.
 */
export function extractOwnedDocument(
  doc: Document,
  options: ExtractOptions,
  again?: () => Document,
): ExtractedArticle {
  const model = extractModel();
  let analysis = analysePage(doc, options.url);
  let { pageType } = classifyPage(model, analysis.pageRow);
  // Prepared again, from the page as it came, without the removal rules: page types whose pages
  // lose by the rules on train pages (a forum's posts sit in "comment" containers), and any page
  // the rules left without article text (a theme that prefixes every class "cmp-" loses them all
  // to the cookie rule) where plain Readability would have found one.
  const gentle = model.gentlePrepare?.includes(pageType);
  if (again && (gentle || !hasText(analysis.parsed?.content))) {
    const second = again();
    const secondAnalysis = analysePage(second, options.url, false);
    // Without the rules a page of menus yields its links: that is no article, so the first
    // pass's result stands.
    if (hasProse(secondAnalysis.parsed?.content)) {
      doc = second;
      analysis = secondAnalysis;
    }
  }
  // Still no text: a page rendered by script may hold it all in <noscript> (a Discourse thread's
  // posts), which Readability removes. Its type is read again: the first pass saw an empty page.
  if (again && !hasText(analysis.parsed?.content)) {
    const third = again();
    settleBody(third);
    unwrapNoscripts(third);
    const thirdAnalysis = analysePage(third, options.url, !gentle);
    if (proseLetters(thirdAnalysis.parsed?.content) >= MIN_NOSCRIPT_PROSE) {
      doc = third;
      analysis = thirdAnalysis;
      ({ pageType } = classifyPage(model, analysis.pageRow));
    }
  }
  const { parsed, prepared, blocks, kept, elements } = analysis;
  const content = parsed?.content;
  if (!parsed || !content || !hasText(content))
    throw new CodedError({ code: 'no-article-text' }, 'No article text was found on this page.');

  if (model.restoreRemovals?.includes(pageType)) restoreRemovals(content, prepared);
  const threshold = model.thresholds[pageType] ?? 0;
  // Block features are computed only for the blocks a step will ask about: the ones Readability
  // kept where the filter is on (at 0, the filter is off for this page type: every kept block
  // stays), and the add-back's candidates
  // where it is on (off at 0 or without an add-back network).
  const filterOn = threshold > 0;
  // Where the filter may drop only short blocks, the long ones (and headings, captions, code,
  // table cells and list items) need no features either.
  const droppable = filterOn ? droppableBlocks(blocks, model.filterMaxWords?.[pageType], isStructural) : [];
  const asked = kept.map((wasKept, i) => wasKept && !!droppable[i]);
  const addBack = model.addBack && (model.addBack.thresholds[pageType] ?? 0) > 0 ? model.addBack : null;
  const places = addBack ? placements(kept, analysis.ancestry) : [];
  const candidates = addBack ? addBackCandidates(blocks, kept, places) : [];
  const wanted = blocks.map((_, i) => asked[i] || !!candidates[i]);
  const features = wanted.some(Boolean) ? blockFeatures(blocks, kept, wanted) : [];
  if (filterOn) {
    const probabilities = blockProbabilities(model, features, asked);
    const keep = decideBlocks(kept, probabilities, threshold, droppable);
    const drop = kept.flatMap((wasKept, i) => (wasKept && !keep[i] ? [i] : []));
    // Never empty the article: when the model would drop everything, Readability's choice stands.
    if (keep.some(Boolean)) removeBlocks(doc, blocks, elements, drop, prepared);
  }
  // What Readability dropped next to its article that the add-back network takes for content
  // goes back in, in page order (add-back.ts).
  if (addBack && candidates.some(Boolean)) {
    const rows = addBackRows(features, places, candidates);
    addBlocks(
      doc,
      content,
      blocks,
      elements,
      chooseAddBack(addBack, rows, candidates, addBack.thresholds[pageType]!),
    );
  }
  clearBlockMarks(content);

  const { removed, looksLikeArticle, lines } = standardise(content, prepared);
  // blockText's reading, from the lines standardise already read when it did.
  const textContent = (lines ?? blockLines(content)).join(' ');
  const opening = openingText(content, OPENING_CHARS);
  const firstImage = content.getElementsByTagName('img')[0]?.getAttribute('src') ?? null;
  const meta = buildMetadata(parsed, prepared.facts, { url: options.url, base: prepared.base, firstImage });
  const { sanitise } = options;
  return {
    url: options.url,
    ...meta,
    // The page's own description, else its opening words (never a photo caption).
    excerpt: meta.excerpt ?? opening.slice(0, EXCERPT_CHARS),
    ...measureReading(textContent),
    contentHtml: sanitise ? sanitise(content.innerHTML) : content.innerHTML,
    textContent,
    opening,
    removed: sanitise ? removed.map((block) => ({ ...block, html: sanitise(block.html) })) : removed,
    isProbablyArticle: looksLikeArticle,
    pageType,
  };
}

/** Whether `content` holds any text: collapse(textContent) is not empty, i.e. some character is no whitespace. */
const hasText = (content: Element | null | undefined): content is Element =>
  !!content && someText(content, (text) => NOT_BLANK.test(text));
const NOT_BLANK = /\S/;

/** Text outside links: a page whose only words are links (a menu) holds no article. */
const hasProse = (content: Element | null | undefined): boolean => proseLetters(content) > 0;

// A no-script notice ("Please enable JavaScript") is no article; a forum post is longer.
const MIN_NOSCRIPT_PROSE = 200;

/** Letters and digits outside links. */
function proseLetters(content: Element | null | undefined): number {
  if (!content) return 0;
  const letters = (node: Node) => (node.textContent ?? '').replace(/[^\p{L}\p{N}]/gu, '').length;
  const linkLetters = [...content.getElementsByTagName('a')].reduce((sum, link) => sum + letters(link), 0);
  return letters(content) - linkLetters;
}

/** What the pipeline knows about a page before the learned model decides (training reads it too). */
export interface PageAnalysis {
  prepared: Prepared;
  /** Readability's result, its content still holding the block stamps; null when it found nothing. */
  parsed: ReturnType<Readability<Element>['parse']>;
  blocks: Block[];
  /** Whether Readability's article holds each block. */
  kept: boolean[];
  /** Readability's article's element for each kept block. */
  elements: Map<number, Element>;
  /** Each block's ancestors before Readability ran, outermost first. */
  ancestry: Element[][];
  pageRow: Float32Array;
}

/** The page as Readability will get it: prepared, its images tidied, segmented into blocks. */
export interface SegmentedPage {
  prepared: Prepared;
  body: HTMLElement | null;
  blocks: Block[];
}

/** The steps before Readability, on a document it may mutate (training's ceiling audit reads the page here). */
export function segmentPage(doc: Document, url: string, rules = true): SegmentedPage {
  const prepared = preparePage(doc, url, rules);
  const body = safeGet<HTMLElement | null>(doc, 'body');
  for (const root of [body, prepared.leadFigure]) tidyContentImages(root);
  return { prepared, body, blocks: body ? segmentBlocks(body) : [] };
}

/** prepare → segment into blocks → Readability → page features, on a document it may mutate (block features: blockFeatures). */
export function analysePage(doc: Document, url: string, rules = true): PageAnalysis {
  const { prepared, blocks } = segmentPage(doc, url, rules);
  // Read before Readability moves the elements it keeps (see add-back-features.ts).
  const ancestry = blockAncestry(blocks);
  lowerCaseCreatedElements(doc);
  pinAddresses(doc, prepared.base, url);
  const parsed = new Readability<Element>(doc, { serializer: (node) => node as Element }).parse();
  const { kept, elements } = parsed?.content
    ? keptBlocks(parsed.content, blocks)
    : { kept: blocks.map(() => false), elements: new Map<number, Element>() };
  return {
    prepared,
    parsed,
    blocks,
    kept,
    elements,
    ancestry,
    pageRow: pageFeatures(url, prepared.facts, blocks, kept),
  };
}

/** What prepare's removal rules take out of a page (rule id and the removed element), for auditing the rules. */
export function preparedRemovals(doc: Document, url: string): { rule: string; el: Element }[] {
  return preparePage(doc, url).removals;
}

/**
 * The body settled first (see settleBody), forms defused next (a page's named controls can shadow the DOM methods every later reader
 * calls), the parts a streaming server sent late put in place (see completeStreamedBoundaries), then the page's facts read while the whole page is there (an author box that prepare
 * removes still names the author), then prepare.
 */
function preparePage(doc: Document, url: string, rules = true): Prepared {
  settleBody(doc);
  defusePage(doc);
  // After the forms are defused: its walk reads properties a form's named controls can shadow.
  completeStreamedBoundaries(doc);
  return prepare(doc, url, readPageFacts(doc), rules);
}

let loadedModel: ExtractModel | null = null;

/** The shipped model, checked against the features this code computes (once). */
export function extractModel(): ExtractModel {
  loadedModel ??= checkModel(modelFile, FEATURE_NAMES, PAGE_FEATURE_NAMES, ADD_BACK_FEATURE_NAMES);
  return loadedModel;
}

/**
 * Readability resolves the addresses prepare leaves alone (a <picture src>, a fragment link)
 * against the document's baseURI, and keeps a fragment link as it is when that equals its
 * documentURI. linkedom reads the base from the global `location`: in the extension's Worker that
 * is the Worker script's own chrome-extension:// address (a removed block's "#notes" link became
 * one, which the URL policy then dropped), in Node there is none. The page's own addresses, the
 * tab's URL and the base prepare resolved from it, give the same result wherever the pipeline runs.
 */
function pinAddresses(doc: Document, base: string, url: string): void {
  Object.defineProperties(doc, {
    baseURI: { value: base, configurable: true },
    documentURI: { value: url, configurable: true },
  });
}

/**
 * linkedom keeps the case createElement is given, and Readability asks for "DIV" and "P": the
 * article would hold elements whose localName is "P", which no check for "p" sees, and serialise
 * as <DIV>. An HTML document lower-cases them (as browsers and jsdom do).
 */
function lowerCaseCreatedElements(doc: Document): void {
  const create = doc.createElement.bind(doc);
  doc.createElement = ((name: string, options?: ElementCreationOptions) =>
    create(name.toLowerCase(), options)) as typeof doc.createElement;
}

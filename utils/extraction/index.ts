/**
 * utils/extraction: turns a page into a clean article. Pure over a Document: the same code runs
 * in a Worker, an extension page and Node.
 * Public surface: extractArticle (pipeline over a Document, never mutated), extractFromHtml
 * (linkedom parse + pipeline), createSanitiser (DOMPurify with Readmark's URL policy),
 * blockText (an element's text as textContent holds it), blockLines (the same, one line per block), openingText (the
 * first words, pictures' captions left out: what a preview opens with), measureReading (words, reading time), REMOVED_LABELS and
 * restoreRemovedBlock (the labels of the "Removed: …" list and its undo), REMOVAL_RULES (the rules table,
 * read-only, for a settings or debug view).
 * For utils/training (offline), the same steps the pipeline runs: analysePage, segmentPage, preparedRemovals,
 * blockProbabilities, classifyPage, decideBlocks, droppableBlocks, isStructural, the feature names and the model format.
 * Must not import: browser APIs, dexie, preact, storage, messaging, export.
 */

export { addBackCandidates, addBackRows } from './add-back';
export { ADD_BACK_FEATURE_NAMES, placements } from './add-back-features';
export { blockFeatures, FEATURE_NAMES } from './block-features';
export { blockLines, blockText, openingText } from './block-text';
export { type Block, isInside } from './blocks';
export {
  analysePage,
  type ExtractOptions,
  extractArticle,
  extractModel,
  type PageAnalysis,
  preparedRemovals,
  type SegmentedPage,
  segmentPage,
} from './extract-article';
export { extractFromHtml } from './extract-from-html';
export {
  blockProbabilities,
  classifyPage,
  decideBlocks,
  droppableBlocks,
  isStructural,
} from './learned-filter';
export {
  checkModel,
  type DenseLayer,
  type ExtractModel,
  evaluateProbability,
  MODEL_FORMAT,
  MODEL_VERSION,
  type Network,
} from './learned-model';
export { PAGE_FEATURE_NAMES } from './page-features';
export { parsePage } from './parse-page';
export { measureReading, type ReadingMeasure } from './reading-time';
export { REMOVAL_RULES, type RemovalRule } from './removal-rules';
export { REMOVED_LABELS, restoreRemovedBlock } from './removed-blocks';
export { createSanitiser, type Sanitiser } from './sanitise';

/**
 * utils/annotation: places highlights in a document and describes new ones. Pure over a DOM: the
 * same code runs in the reader (over the stored copy, where anchoring is exact), in the content
 * script (over the live page, where it may be fuzzy) and in Node for tests and benchmarks.
 * Public surface: buildTextModel; rangeToTextOffsets / textOffsetsToRange / textOffsetsToPoints;
 * describe and selectorsAt (the one selector factory); anchor / anchorAll (DOM Ranges), locate / locateAll (text offsets) and locateInText (plain
 * text, for the background); splitRangeByTextNode.
 * Must not import: browser extension APIs, window globals, dexie, preact, storage, messaging, export.
 */

export {
  type AnchorOptions,
  type AnchorResult,
  type AnchorSelectors,
  type AnchorSpan,
  anchor,
  anchorAll,
  locate,
  locateAll,
} from './anchor';
export { describe } from './describe';
export { locateInText } from './locate-in-text';
export { type AnchorMethod, DEFAULT_MIN_SCORE } from './match-quote';
export { CONTEXT_LENGTH, type HighlightSelectors, selectorsAt } from './quote-selector';
export { splitRangeByTextNode, type TextSlice } from './split-range';
export { buildTextModel, normaliseSpace, type TextModel } from './text-model';
export {
  type BoundaryPoints,
  pointToTextOffset,
  rangeToTextOffsets,
  type TextSpan,
  textOffsetsToPoints,
  textOffsetsToRange,
} from './text-offsets';

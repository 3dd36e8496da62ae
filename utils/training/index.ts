/**
 * utils/training: Node-only offline training and evaluation over the WCXB corpus (read in place
 * from ../shared, never copied). Public surface: the corpus loader, the committed host split and
 * the metric (shingle F1, snippet survival).
 * May import utils/model and utils/extraction; nothing shipped imports it (biome.json).
 */
export { extractionCodeHash } from './code-hash';
export {
  corpusAvailable,
  hostOf,
  loadTruth,
  PAGE_TYPES,
  type PageType,
  readPageHtml,
  type TruthPage,
  WCXB_DIR,
} from './corpus';
export {
  type Aggregate,
  aggregate,
  missingSnippets,
  type PageScore,
  scorePage,
  shingleCounts,
  shingles,
  snippetForm,
  survivingSnippets,
  tokenize,
  wordF1,
} from './metric';
export {
  loadSplit,
  makeSplit,
  type Part,
  partOf,
  SPLIT_FILE,
  type SplitFile,
  seededRandom,
  shuffled,
} from './split';

/**
 * Runs the pipeline's analysis (prepare → blocks → Readability → features) over each corpus page
 * once and caches what training needs in /tmp, keyed by a hash of the code that computes it: a
 * change to the features, the segmentation or the removal rules recomputes, nothing else does.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analysePage, blockFeatures, blockText, isStructural, parsePage } from '@/utils/extraction';
import { extractionCodeHash } from './code-hash';
import type { TruthPage } from './corpus';
import { readPageHtml } from './corpus';
import { blockLabels } from './labels';

/** The analysis of one page, as training uses it. Only blocks Readability kept carry rows. */
export interface CachedPage {
  id: string;
  /** Whether Readability found an article at all. */
  parsed: boolean;
  /** Plain Readability's text (what the filter starts from), for the baseline. */
  readabilityText: string;
  /**
   * The kept blocks, in document order; `structural`: a heading, caption, code line, table cell
   * or list item, which a word-limited filter never drops (isStructural).
   */
  blocks: { text: string; label: 0 | 1; row: number[]; structural: boolean }[];
  pageRow: number[];
  /** Milliseconds the analysis took (parse included). */
  ms: number;
}

const codeHash = () => extractionCodeHash(['utils/training/labels.ts', 'utils/training/page-cache.ts']);

export const CACHE_ROOT = path.join(tmpdir(), 'readmark-wcxb-cache');
const round = (x: number) => Math.round(x * 1e5) / 1e5;

export function analyseCorpusPage(page: TruthPage): CachedPage {
  const started = performance.now();
  const analysis = analysePage(parsePage(readPageHtml(page.id)), page.url);
  const ms = performance.now() - started;
  const content = analysis.parsed?.content ?? null;
  const labels = blockLabels(
    analysis.blocks.map((block) => block.text),
    page.main_content,
  );
  const rows = blockFeatures(analysis.blocks, analysis.kept);
  return {
    id: page.id,
    parsed: Boolean(content),
    readabilityText: content ? blockText(content) : '',
    blocks: analysis.blocks.flatMap((block, i) =>
      analysis.kept[i]
        ? [
            {
              text: block.text,
              label: labels[i]!,
              row: Array.from(rows[i]!, round),
              structural: isStructural(block),
            },
          ]
        : [],
    ),
    pageRow: Array.from(analysis.pageRow, round),
    ms,
  };
}

/** Every page's analysis, from the cache where the code is unchanged. Logs progress to stderr. */
export function analyseCorpus(pages: readonly TruthPage[]): CachedPage[] {
  const dir = path.join(CACHE_ROOT, codeHash());
  mkdirSync(dir, { recursive: true });
  let computed = 0;
  const out = pages.map((page, index) => {
    const file = path.join(dir, `${page.id}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CachedPage;
    let cached: CachedPage;
    try {
      cached = analyseCorpusPage(page);
    } catch (error) {
      console.warn(`page ${page.id}: ${(error as Error).message}`);
      cached = { id: page.id, parsed: false, readabilityText: '', blocks: [], pageRow: [], ms: 0 };
    }
    writeFileSync(file, JSON.stringify(cached));
    computed++;
    if (computed % 100 === 0)
      process.stderr.write(`  analysed ${computed} pages (${index + 1}/${pages.length})\n`);
    return cached;
  });
  if (computed) process.stderr.write(`  analysed ${computed} pages, cached in ${dir}\n`);
  return out;
}

/**
 * The data the learned add-back trains on: every block of a page, whether Readability kept it,
 * its label (labels.ts: matched to the reviewed text), and for the blocks Readability dropped
 * near its article, the feature row the add-back network reads (the block filter's features and
 * the block's placement, add-back-features.ts). Cached per page in /tmp like page-cache.ts,
 * keyed by the code that computes it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  addBackCandidates,
  addBackRows,
  analysePage,
  blockFeatures,
  blockText,
  classifyPage,
  extractModel,
  isInside,
  parsePage,
  placements,
} from '@/utils/extraction';
import { extractionCodeHash } from './code-hash';
import { readPageHtml, type TruthPage } from './corpus';
import { blockLabels } from './labels';
import { CACHE_ROOT } from './page-cache';

export interface AddBackBlock {
  text: string;
  label: 0 | 1;
  kept: boolean;
  tag: string;
  hidden: boolean;
  /** Inside the deepest element holding every kept block (before Readability moved them). */
  inside: boolean;
  /** Where it sits against the kept blocks in document order. */
  where: 'kept' | 'before' | 'within' | 'after';
  /** The add-back network's input, for candidates only. */
  row?: number[];
}

export interface AddBackPage {
  id: string;
  readabilityText: string;
  /** The shipped page classifier's type. */
  pageType: string;
  blocks: AddBackBlock[];
}

const codeHash = () => extractionCodeHash(['utils/training/labels.ts', 'utils/training/add-back-data.ts']);

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function analyse(page: TruthPage): AddBackPage {
  const analysis = analysePage(parsePage(readPageHtml(page.id)), page.url);
  const { blocks, kept, ancestry, parsed } = analysis;
  const labels = blockLabels(
    blocks.map((block) => block.text),
    page.main_content,
  );
  const places = placements(kept, ancestry);
  const candidates = addBackCandidates(blocks, kept, places);
  const rows = addBackRows(blockFeatures(blocks, kept, candidates), places, candidates);
  const firstKept = kept.indexOf(true);
  const lastKept = kept.lastIndexOf(true);
  return {
    id: page.id,
    readabilityText: parsed?.content ? blockText(parsed.content) : '',
    pageType: classifyPage(extractModel(), analysis.pageRow).pageType,
    blocks: blocks.map((block, i) => ({
      text: block.text,
      label: labels[i]!,
      kept: kept[i]!,
      tag: block.tag,
      hidden: isInside(block, 'hidden'),
      inside: places[i]!.insideContainer,
      where: kept[i] ? 'kept' : i < firstKept ? 'before' : i > lastKept ? 'after' : 'within',
      ...(candidates[i] ? { row: Array.from(rows[i]!, round) } : {}),
    })),
  };
}

/** Every page's add-back data, from the cache where the code is unchanged. */
export function addBackCorpus(pages: readonly TruthPage[]): AddBackPage[] {
  const dir = path.join(CACHE_ROOT, `addback-${codeHash()}`);
  mkdirSync(dir, { recursive: true });
  let computed = 0;
  return pages.map((page, index) => {
    const file = path.join(dir, `${page.id}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as AddBackPage;
    let data: AddBackPage;
    try {
      data = analyse(page);
    } catch (error) {
      console.warn(`page ${page.id}: ${(error as Error).message}`);
      data = { id: page.id, readabilityText: '', pageType: 'article', blocks: [] };
    }
    writeFileSync(file, JSON.stringify(data));
    computed++;
    if (computed % 50 === 0)
      process.stderr.write(`  add-back data: ${computed} pages (${index + 1}/${pages.length})\n`);
    return data;
  });
}

/**
 * The text the add-back would give: Readability's text (whitespace collapsed) with each block in
 * `added` inserted after the previous kept block's text, as its own block (spaces around it).
 * Approximates the pipeline's result for choosing thresholds; bench:extract measures the real one.
 */
export function withAddedBlocks(
  page: AddBackPage,
  added: (block: AddBackBlock, index: number) => boolean,
): string {
  let text = page.readabilityText.replace(/\s+/g, ' ');
  let cursor = 0;
  page.blocks.forEach((block, index) => {
    if (block.kept) {
      const at = text.indexOf(block.text, cursor);
      if (at >= 0) cursor = at + block.text.length;
    } else if (added(block, index)) {
      text = `${text.slice(0, cursor)} ${block.text} ${text.slice(cursor)}`;
      cursor += block.text.length + 2;
    }
  });
  return text;
}

/**
 * Plain Readability against the Readmark pipeline on WCXB pages, the real output of each (same
 * process, same parser: linkedom, as in the Worker): per page type and overall, shingle F1 /
 * precision / recall, the share of pages where a "without" snippet survives and where a "with"
 * snippet is missing, and the time per page. Used by `npm run bench:extract` and the validation
 * floor test.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { blockText, extractFromHtml } from '@/utils/extraction';
import { PAGE_TYPES } from '@/utils/model';
import { readPageHtml, type TruthPage } from './corpus';
import {
  type Aggregate,
  aggregate,
  missingSnippets,
  type PageScore,
  scorePage,
  survivingSnippets,
  wordF1,
} from './metric';

export type Extractor = 'readability' | 'readmark';

/**
 * Plain Readability's article text (blockText of its content), '' when it finds nothing or throws
 * (on linkedom it can: a top candidate with no <body> ancestor).
 */
export function plainReadabilityText(html: string): string {
  try {
    const { document } = parseHTML(html);
    const parsed = new Readability<Element>(document as unknown as Document, {
      serializer: (node) => node as Element,
    }).parse();
    return parsed?.content ? blockText(parsed.content) : '';
  } catch {
    return '';
  }
}

/** The Readmark pipeline's text, '' when it throws (no article found). */
export function readmarkText(html: string, url: string): string {
  try {
    return extractFromHtml(html, { url }).textContent;
  } catch {
    return '';
  }
}

export interface PageResult {
  page: TruthPage;
  score: PageScore;
  /** The WCXB benchmark's own page score (metric.ts, wordF1). */
  wordF1: number;
  survives: boolean;
  missing: boolean;
  ms: number;
}

function time<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/**
 * Runs both extractors over `pages`, interleaved per page so load on a shared machine lands on
 * both alike. `rounds` > 1 keeps the best time of each (other processes only ever add time).
 */
export function runPages(pages: readonly TruthPage[], rounds = 1): Record<Extractor, PageResult[]> {
  const results: Record<Extractor, PageResult[]> = { readability: [], readmark: [] };
  for (const page of pages) {
    const html = readPageHtml(page.id);
    const runs: Record<Extractor, { text: string; ms: number }[]> = { readability: [], readmark: [] };
    for (let round = 0; round < rounds; round++) {
      const plain = time(() => plainReadabilityText(html));
      runs.readability.push({ text: plain.value, ms: plain.ms });
      const ours = time(() => readmarkText(html, page.url));
      runs.readmark.push({ text: ours.value, ms: ours.ms });
    }
    for (const extractor of ['readability', 'readmark'] as const) {
      const text = runs[extractor][0]!.text;
      results[extractor].push({
        page,
        score: scorePage(page.main_content, text),
        wordF1: wordF1(page.main_content, text),
        survives: survivingSnippets(text, page.without).length > 0,
        missing: missingSnippets(text, page.with).length > 0,
        ms: Math.min(...runs[extractor].map((run) => run.ms)),
      });
    }
  }
  return results;
}

export interface Summary extends Aggregate {
  /** Mean over pages of the WCXB benchmark's word F1. */
  wordF1: number;
  /** Share of pages where some "without" snippet survives. */
  survives: number;
  /** Share of pages where some "with" snippet is missing. */
  missing: number;
  medianMs: number;
  p95Ms: number;
  totalMs: number;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function summarise(results: readonly PageResult[]): Summary {
  const n = Math.max(1, results.length);
  const ms = results.map((result) => result.ms);
  return {
    ...aggregate(results.map((result) => result.score)),
    wordF1: results.reduce((sum, result) => sum + result.wordF1, 0) / n,
    survives: results.filter((result) => result.survives).length / n,
    missing: results.filter((result) => result.missing).length / n,
    medianMs: percentile(ms, 0.5),
    p95Ms: percentile(ms, 0.95),
    totalMs: ms.reduce((a, b) => a + b, 0),
  };
}

/** Summaries per page type (those present) and 'all'. */
export function summariseByType(results: readonly PageResult[]): Map<string, Summary> {
  const byType = new Map<string, Summary>();
  for (const type of PAGE_TYPES) {
    const some = results.filter((result) => result.page.page_type === type);
    if (some.length) byType.set(type, summarise(some));
  }
  byType.set('all', summarise(results));
  return byType;
}

import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from '@/utils/model';
import { type ExtractOptions, extractArticle } from './extract-article';

/**
 * Parses serialised HTML with linkedom (pure JS: runs in a Worker and in Node, never on a live
 * page) and runs the pipeline over it.
 */
export function extractFromHtml(html: string, options: ExtractOptions): ExtractedArticle {
  const { document } = parseHTML(html);
  return extractArticle(document as unknown as Document, options);
}

import { parseHTML } from 'linkedom';
import { CodedError, type ExtractedArticle } from '@/utils/model';
import { type ExtractOptions, extractOwnedDocument } from './extract-article';

/**
 * Parses serialised HTML with linkedom (pure JS: runs in a Worker and in Node, never on a live
 * page) and runs the pipeline over it. The parsed document is the pipeline's own, so no copy.
 */
export function extractFromHtml(html: string, options: ExtractOptions): ExtractedArticle {
  if (!/<[a-z!]/i.test(html)) throw new CodedError({ code: 'not-html' }, 'The input is not HTML.');
  const parse = () => parseHTML(html).document as unknown as Document;
  return extractOwnedDocument(parse(), options, parse);
}

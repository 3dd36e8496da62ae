import { CodedError, type ExtractedArticle } from '@/utils/model';
import { type ExtractOptions, extractOwnedDocument } from './extract-article';
import { parsePage } from './parse-page';

/** Parses serialised HTML (`parsePage`) and runs the pipeline over it. The parsed document is the pipeline's own, so no copy. */
export function extractFromHtml(html: string, options: ExtractOptions): ExtractedArticle {
  if (!/<[a-z!]/i.test(html)) throw new CodedError({ code: 'not-html' }, 'The input is not HTML.');
  const parse = () => parsePage(html);
  return extractOwnedDocument(parse(), options, parse);
}

import { locateInText, selectorsAt } from '@/utils/annotation';
import type { LocateHighlight } from '@/utils/import';

/**
 * Where an imported highlight sits in the extracted text: by quote and the file's context (and
 * position, a hint), else by the quote alone (the tool's context may be page furniture that
 * extraction removed); the stored selectors are then Readmark's own, against this text.
 */
export const locateImported: LocateHighlight = (text, highlight) => {
  const quote = {
    type: 'TextQuoteSelector' as const,
    exact: highlight.quote,
    prefix: highlight.prefix ?? '',
    suffix: highlight.suffix ?? '',
  };
  const position = highlight.position && { type: 'TextPositionSelector' as const, ...highlight.position };
  const span =
    locateInText(text, { quote, position }) ??
    locateInText(text, { quote: { ...quote, prefix: '', suffix: '' } });
  return span && selectorsAt(text, span);
};

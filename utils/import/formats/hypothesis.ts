import { ImportCollector } from '../collect';
import { asArray, asRecord, asString, asStrings, fromIsoDate } from '../read-values';
import type { ImportedHighlight, ParsedImport } from '../types';

/** Hypothesis' "Export annotations" JSON: `{export_date, export_userid, annotations:[…]}`. */
export const isHypothesisExport = (root: unknown): boolean => {
  const file = asRecord(root);
  return !!file && Array.isArray(file.annotations) && ('export_userid' in file || 'export_date' in file);
};

/**
 * Groups annotations by `uri` (one document each). An annotation with a TextQuoteSelector is a
 * highlight (with its prefix/suffix and TextPositionSelector); one without selector is a page
 * note; replies (non-empty `references`) are neither.
 */
export function parseHypothesis(root: unknown): ParsedImport {
  const collector = new ImportCollector('hypothesis');
  const byUri = new Map<
    string,
    { title: string; highlights: ImportedHighlight[]; notes: string[]; tags: string[] }
  >();
  for (const raw of asArray(asRecord(root)?.annotations)) {
    const annotation = asRecord(raw);
    if (!annotation || asArray(annotation.references).length > 0) continue;
    const uri = asString(annotation.uri);
    const doc = byUri.get(uri) ?? { title: '', highlights: [], notes: [], tags: [] };
    byUri.set(uri, doc);
    doc.title ||= asStrings(asRecord(annotation.document)?.title)[0] ?? '';
    const note = asString(annotation.text).trim();
    const tags = asStrings(annotation.tags);
    const selectors = asArray(asRecord(asArray(annotation.target)[0])?.selector).map(asRecord);
    const quote = selectors.find((s) => s?.type === 'TextQuoteSelector');
    const position = selectors.find((s) => s?.type === 'TextPositionSelector');
    const exact = asString(quote?.exact).trim();
    if (exact) {
      doc.highlights.push({
        quote: exact,
        note,
        prefix: asString(quote?.prefix),
        suffix: asString(quote?.suffix),
        ...(position && typeof position.start === 'number' && typeof position.end === 'number'
          ? { position: { start: position.start, end: position.end } }
          : {}),
        createdAt: fromIsoDate(annotation.created),
        tags,
      });
    } else if (selectors.length === 0) {
      // A page note: its tags belong to the page.
      if (note) doc.notes.push(note);
      doc.tags.push(...tags);
    }
  }
  for (const [uri, doc] of byUri)
    collector.add({
      url: uri,
      title: doc.title,
      tags: doc.tags,
      highlights: doc.highlights,
      pageNotes: doc.notes,
    });
  return collector.finish();
}

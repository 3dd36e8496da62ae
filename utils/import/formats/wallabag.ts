import { ImportCollector } from '../collect';
import { asArray, asFlag, asRecord, asString, fromIsoDate } from '../read-values';
import type { ImportedHighlight, ParsedImport } from '../types';

/** wallabag's JSON export: an array of entries with `is_archived`, `content` and `annotations`. */
export const isWallabagExport = (root: unknown): boolean =>
  Array.isArray(root) &&
  root.length > 0 &&
  root.every((entry) => {
    const record = asRecord(entry);
    return !!record && 'url' in record && ('is_archived' in record || 'annotations' in record);
  });

export function parseWallabag(root: unknown[]): ParsedImport {
  const collector = new ImportCollector('wallabag');
  for (const raw of root) {
    const entry = asRecord(raw)!;
    const highlights = asArray(entry.annotations).flatMap((item): ImportedHighlight[] => {
      const annotation = asRecord(item);
      const quote = asString(annotation?.quote).trim();
      if (!quote) return [];
      return [
        {
          quote,
          note: asString(annotation?.text).trim(),
          createdAt: fromIsoDate(annotation?.created_at),
          tags: [],
        },
      ];
    });
    collector.add({
      url: asString(entry.url) || asString(entry.given_url),
      title: asString(entry.title),
      tags: asArray(entry.tags).map((tag) => asString(tag) || asString(asRecord(tag)?.label)),
      savedAt: fromIsoDate(entry.created_at),
      archived: asFlag(entry.is_archived),
      favourite: asFlag(entry.is_starred),
      html: asString(entry.content),
      highlights,
    });
  }
  return collector.finish();
}

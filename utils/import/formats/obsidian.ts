import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/model';
import { ImportCollector } from '../collect';
import { htmlToText } from '../html-text';
import { asArray, asRecord, asString, asStrings, fromIsoDate } from '../read-values';
import type { HtmlParser, ImportedHighlight, ParsedImport } from '../types';

/** Obsidian Web Clipper's highlights export: `[{url, highlights:[{text, timestamp?, color?, notes?, comment?}]}]`. */
export const isObsidianExport = (root: unknown): boolean =>
  Array.isArray(root) &&
  root.length > 0 &&
  root.every((page) => {
    const record = asRecord(page);
    return !!record && 'url' in record && Array.isArray(record.highlights) && !('content' in record);
  });

/** `text` is the highlight's HTML: its plain text is the quote; `notes` (or `comment`) the note. */
export function parseObsidian(root: unknown[], parseHtml: HtmlParser): ParsedImport {
  const collector = new ImportCollector('obsidian');
  for (const raw of root) {
    const page = asRecord(raw)!;
    const highlights = asArray(page.highlights).flatMap((item): ImportedHighlight[] => {
      const highlight = asRecord(item);
      const quote = htmlToText(asString(highlight?.text), parseHtml);
      if (!quote) return [];
      const notes = asStrings(highlight?.notes)
        .map((n) => n.trim())
        .filter(Boolean);
      const color = colorOf(asString(highlight?.color));
      return [
        {
          quote,
          note: notes.length ? notes.join('\n\n') : asString(highlight?.comment).trim(),
          createdAt: fromIsoDate(highlight?.timestamp),
          ...(color ? { color } : {}),
          tags: [],
        },
      ];
    });
    collector.add({ url: asString(page.url), title: asString(page.title), highlights });
  }
  return collector.finish();
}

function colorOf(name: string): HighlightColor | undefined {
  return (HIGHLIGHT_COLORS as readonly string[]).includes(name.toLowerCase())
    ? (name.toLowerCase() as HighlightColor)
    : undefined;
}

import { CodedError, describeThrown } from '@/utils/model';
import { ImportCollector } from '../collect';
import { asArray, asRecord, asString, asStrings, fromIsoDate } from '../read-values';
import type { ImportedHighlight, ParsedImport } from '../types';
import { type ZipFiles, zipText } from '../zip';

/**
 * Omnivore's export zip: `metadata_<from>_to_<to>.json` arrays of items, `content/<slug>.html`
 * (Omnivore's readable copy) and `highlights/<slug>.md` (quotes, labels and notes in Markdown).
 */
export function parseOmnivoreZip(files: ZipFiles): ParsedImport {
  const collector = new ImportCollector('omnivore');
  const names = Object.keys(files).sort();
  const byBase = (folder: string, slug: string, ext: string) =>
    names.find((name) => name === `${folder}/${slug}.${ext}` || name.endsWith(`/${folder}/${slug}.${ext}`));
  for (const name of names.filter(isOmnivoreMetadata)) {
    let items: unknown;
    try {
      items = JSON.parse(zipText(files, name));
    } catch (error) {
      throw new CodedError({ code: 'import-part-not-json', data: { name, detail: describeThrown(error) } });
    }
    if (!Array.isArray(items)) throw new CodedError({ code: 'import-part-not-list', data: { name } });
    for (const raw of items) {
      const item = asRecord(raw) ?? {};
      const slug = asString(item.slug);
      const contentName = slug ? byBase('content', slug, 'html') : undefined;
      const highlightsName = slug ? byBase('highlights', slug, 'md') : undefined;
      const marked = highlightsName ? parseOmnivoreMarkdown(zipText(files, highlightsName)) : null;
      collector.add({
        url: asString(item.url),
        title: asString(item.title),
        tags: labelsOf(item.labels),
        savedAt: fromIsoDate(item.savedAt),
        archived: asString(item.state).toLowerCase() === 'archived',
        html: contentName ? zipText(files, contentName) : null,
        highlights: marked?.highlights ?? [],
        pageNotes: marked?.notes ?? [],
      });
    }
  }
  return collector.finish();
}

export const isOmnivoreMetadata = (name: string) => /(^|\/)metadata_[^/]*\.json$/i.test(name);

/** Labels are strings in the export; older writers used `{name}` objects. */
function labelsOf(labels: unknown): string[] {
  return [
    ...asStrings(labels),
    ...asArray(labels).flatMap((label) => {
      const name = asRecord(label)?.name;
      return typeof name === 'string' ? [name] : [];
    }),
  ];
}

const LABELS_ONLY = /^#\S+(\s+#\S+)*$/;

/**
 * An Omnivore highlights file: each highlight is `> ` + quote (an empty line inside it written
 * as a `> ` line, other line breaks kept without `> `), then optionally a blank line and
 * `#label`s, then a blank line and the note; highlights are separated by blank lines. A note
 * paragraph before any quote is a standalone note.
 */
export function parseOmnivoreMarkdown(markdown: string): {
  highlights: ImportedHighlight[];
  notes: string[];
} {
  const highlights: ImportedHighlight[] = [];
  const notes: string[] = [];
  let current: ImportedHighlight | null = null;
  for (const paragraph of markdown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    if (!paragraph.trim()) continue;
    if (/^>/.test(paragraph)) {
      const quote = paragraph
        .split('\n')
        .map((line) => line.replace(/^> ?/, ''))
        .join('\n')
        .trim();
      current = { quote, note: '', createdAt: null, tags: [] };
      if (quote) highlights.push(current);
      continue;
    }
    const text = paragraph.trim();
    if (current && !current.note && current.tags.length === 0 && LABELS_ONLY.test(text)) {
      current.tags = text.split(/\s+/).map((label) => label.slice(1));
    } else if (current) {
      current.note = current.note ? `${current.note}\n\n${text}` : text;
    } else {
      notes.push(text);
    }
  }
  return { highlights, notes };
}

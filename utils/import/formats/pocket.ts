import { CodedError, describeThrown } from '@/utils/model';
import { ImportCollector } from '../collect';
import { readCsv } from '../csv';
import { asArray, asRecord, asString, fromUnixSeconds } from '../read-values';
import type { ImportedHighlight, ParsedImport } from '../types';
import { type ZipFiles, zipText } from '../zip';
import { linkDocument } from './netscape';

/**
 * Pocket's 2025 export zip: `part_NNNNNN.csv` (title,url,time_added,tags,status; tags joined
 * with `|`) and `annotations/part_NNNNNN.json` ([{url, title, highlights:[{quote, created_at}]}],
 * joined to the rows by URL).
 */
export function parsePocketZip(files: ZipFiles): ParsedImport {
  const collector = new ImportCollector('pocket');
  const names = Object.keys(files).sort();
  for (const name of names.filter(isCsvPart)) {
    const csv = readCsv(zipText(files, name));
    if ('error' in csv)
      throw new CodedError({ code: 'import-part-damaged', data: { name, detail: csv.error } });
    addRows(collector, csv.rows);
  }
  for (const name of names.filter((n) => /(^|\/)annotations\/[^/]+\.json$/i.test(n))) {
    let entries: unknown;
    try {
      entries = JSON.parse(zipText(files, name));
    } catch (error) {
      throw new CodedError({ code: 'import-part-not-json', data: { name, detail: describeThrown(error) } });
    }
    if (!Array.isArray(entries)) throw new CodedError({ code: 'import-part-not-list', data: { name } });
    for (const raw of entries) {
      const entry = asRecord(raw) ?? {};
      collector.add({
        url: asString(entry.url),
        title: asString(entry.title),
        highlights: pocketHighlights(entry),
      });
    }
  }
  return collector.finish();
}

/** One `part_NNNNNN.csv` on its own (a reader who unzipped the export). */
export function parsePocketCsv(rows: Record<string, string>[]): ParsedImport {
  const collector = new ImportCollector('pocket');
  addRows(collector, rows);
  return collector.finish();
}

function addRows(collector: ImportCollector, rows: Record<string, string>[]): void {
  for (const row of rows)
    collector.add({
      url: row.url,
      title: row.title,
      tags: (row.tags ?? '').split('|'),
      savedAt: fromUnixSeconds(row.time_added),
      archived: row.status?.trim().toLowerCase() === 'archive',
    });
}

export const isCsvPart = (name: string) => /(^|\/)part_\d+\.csv$/i.test(name);

function pocketHighlights(entry: Record<string, unknown>): ImportedHighlight[] {
  return asArray(entry.highlights).flatMap((raw) => {
    const highlight = asRecord(raw);
    const quote = asString(highlight?.quote).trim();
    if (!quote) return [];
    return [{ quote, note: '', createdAt: fromUnixSeconds(highlight?.created_at), tags: [] }];
  });
}

/**
 * Pocket's legacy `ril_export.html`: `<h1>Unread</h1><ul>…</ul><h1>Read Archive</h1><ul>…</ul>`,
 * each item `<a href time_added tags="a,b">Title</a>`. The section gives the archive state.
 */
export function parsePocketHtml(doc: Document): ParsedImport {
  const collector = new ImportCollector('pocket');
  for (const link of [...doc.querySelectorAll('a')]) {
    collector.add({ ...linkDocument(link, 'time_added'), archived: /archive/i.test(sectionTitle(link)) });
  }
  return collector.finish();
}

/** The text of the `<h1>` before the list holding `link`. */
function sectionTitle(link: Element): string {
  let heading = link.closest('ul')?.previousElementSibling ?? null;
  while (heading && heading.tagName !== 'H1') heading = heading.previousElementSibling;
  return heading?.textContent ?? '';
}

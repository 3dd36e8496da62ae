import type { AppError } from '@/utils/model';
import { ImportCollector } from '../collect';
import type { ParsedImport } from '../types';

export const READWISE_NO_URL: AppError = { code: 'skip-readwise-no-url' };

/**
 * Readwise's highlights CSV has no URL column: every document (Book Title + Book Author) is
 * reported as skipped, with how many highlights stay out with it.
 */
export function parseReadwise(rows: Record<string, string>[]): ParsedImport {
  const collector = new ImportCollector('readwise');
  const documents = new Map<string, { title: string; highlights: number }>();
  for (const row of rows) {
    const title = (row['Book Title'] ?? '').trim();
    const key = JSON.stringify([title, (row['Book Author'] ?? '').trim()]);
    const doc = documents.get(key) ?? { title, highlights: 0 };
    if ((row.Highlight ?? '').trim()) doc.highlights++;
    documents.set(key, doc);
  }
  for (const doc of documents.values()) collector.skip(READWISE_NO_URL, doc);
  return collector.finish();
}

import { ImportCollector } from '../collect';
import { fromUnixSeconds } from '../read-values';
import type { ParsedImport } from '../types';

/**
 * Instapaper's CSV (`URL,Title,Selection,Folder,Timestamp,Tags`): Folder gives archive/starred
 * (other folders are not tags); Tags is a JSON array in one cell. No highlights in this export.
 */
export function parseInstapaper(rows: Record<string, string>[]): ParsedImport {
  const collector = new ImportCollector('instapaper');
  for (const row of rows) {
    const folder = (row.Folder ?? '').trim().toLowerCase();
    collector.add({
      url: row.URL,
      title: row.Title,
      tags: instapaperTags(row.Tags ?? ''),
      savedAt: fromUnixSeconds(row.Timestamp),
      archived: folder === 'archive',
      favourite: folder === 'starred',
    });
  }
  return collector.finish();
}

function instapaperTags(cell: string): string[] {
  if (!cell.trim()) return [];
  try {
    const tags: unknown = JSON.parse(cell);
    return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return cell.split(',');
  }
}

import { err, ok, type Result } from '@/utils/model';
import type { ProgressOptions } from './chunked';
import { readBackup } from './parse-backup';

export interface BackupCounts {
  articles: number;
  highlights: number;
}

/**
 * Reads back a backup just produced, as a stream, and checks that it parses, that every record
 * passes the import checks (so no field exceeds its cap, bodies 10 MiB, which some JSON readers
 * cannot take), and that the counts are those exported. The UI calls it before reporting success.
 */
export async function verifyBackup(
  file: Blob | string,
  expected: BackupCounts,
  options: ProgressOptions = {},
): Promise<Result<BackupCounts>> {
  const records = readBackup(file, options);
  let next = await records.next();
  while (!next.done) next = await records.next();
  if (!next.value.ok) return next.value;
  const { articles, highlights, rejected } = next.value.value;
  if (rejected.length) {
    const first = rejected[0];
    return err('backup-incomplete', {
      count: rejected.length,
      kind: first?.kind ?? '',
      index: first?.index ?? 0,
      reason: first?.reason ?? '',
    });
  }
  const counts = { articles, highlights };
  if (counts.articles !== expected.articles || counts.highlights !== expected.highlights)
    return err('backup-count-mismatch', {
      ...counts,
      expectedArticles: expected.articles,
      expectedHighlights: expected.highlights,
    });
  return ok(counts);
}

import { err, type Highlight, type ImageBytes, ok, type Result } from '@/utils/model';
import { imageRecord } from './backup-images';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup-schema';
import { forEachChunked, type ProgressOptions } from './chunked';
import type { BackupArticle } from './parse-backup';

/** Everything a backup holds. */
export interface BackupInput {
  articles: readonly BackupArticle[];
  highlights: readonly Highlight[];
  /** Plain JSON settings (no functions, no class instances). */
  settings: Record<string, unknown>;
  /** The stored pictures the articles' `images` links name, each once. */
  images?: readonly ImageBytes[];
}

export interface CreateBackupOptions extends ProgressOptions {
  /** The export time written in the file; defaults to now (tests pass a fixed date). */
  now?: Date;
}

/**
 * The whole library as a versioned JSON backup (see BACKUP-FORMAT.md): one record per line, so
 * the file stays diffable and a damaged line loses one record, not the file. Runs in chunks,
 * reporting progress; a cancelled export returns `{ ok: false }` and nothing partial.
 */
export async function createBackup(
  input: BackupInput,
  options: CreateBackupOptions = {},
): Promise<Result<string>> {
  const { onProgress, signal } = options;
  const total = input.articles.length + input.highlights.length;
  const articleLines: string[] = [];
  const highlightLines: string[] = [];
  const articlesDone = await forEachChunked(
    input.articles,
    (article) =>
      articleLines.push(
        JSON.stringify({ meta: article.meta, content: article.content, images: article.images ?? [] }),
      ),
    { signal, onProgress: onProgress && ((done) => onProgress(done, total)) },
  );
  if (!articlesDone) return err('cancelled');
  const highlightsDone = await forEachChunked(
    input.highlights,
    (highlight) => highlightLines.push(JSON.stringify(highlight)),
    { signal, onProgress: onProgress && ((done) => onProgress(input.articles.length + done, total)) },
  );
  if (!highlightsDone) return err('cancelled');
  // Pictures last: one per line, bytes as base64 (the largest lines of the file).
  const imageLines: string[] = [];
  const imagesDone = await forEachChunked(
    input.images ?? [],
    (image) => imageLines.push(imageRecord(image)),
    {
      signal,
    },
  );
  if (!imagesDone) return err('cancelled');
  const head = `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify((options.now ?? new Date()).toISOString())},`;
  return ok(
    `${head}\n"articles":[\n${articleLines.join(',\n')}\n],\n"highlights":[\n${highlightLines.join(',\n')}\n],\n"settings":${JSON.stringify(input.settings)},\n"images":[\n${imageLines.join(',\n')}\n]\n}\n`,
  );
}

import { err, type Highlight, type Result } from '@/utils/model';
import { CANCELLED, forEachChunked, type ProgressOptions } from './chunked';
import type { BackupArticle } from './parse-backup';
import { safeFileName } from './safe-file-name';
import { type MarkdownOptions, toMarkdown } from './to-markdown';
import { toZip, type ZipEntry } from './to-zip';

export interface MarkdownZipOptions extends MarkdownOptions, ProgressOptions {}

/**
 * Many articles as a zip of Markdown files (an Obsidian vault folder), one per article named
 * after its title. Progress covers conversion (first half) and zipping (second half).
 */
export async function toMarkdownZip(
  articles: readonly (BackupArticle & { highlights: readonly Highlight[] })[],
  options: MarkdownZipOptions = {},
): Promise<Result<Uint8Array>> {
  const { onProgress, signal } = options;
  const total = articles.length * 2;
  const files: ZipEntry[] = [];
  const converted = await forEachChunked(
    articles,
    ({ meta, content, highlights }) =>
      files.push({
        name: `${safeFileName(meta.title)}.md`,
        data: toMarkdown(meta, content, highlights, options),
      }),
    { signal, onProgress: onProgress && ((done) => onProgress(done, total)) },
  );
  if (!converted) return err(CANCELLED);
  return toZip(files, {
    signal,
    onProgress: onProgress && ((done) => onProgress(articles.length + done, total)),
  });
}

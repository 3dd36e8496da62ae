import { err, type Highlight, type ImageBytes, type Result } from '@/utils/model';
import { imageFilePath, mapLinks } from './article-images';
import { forEachChunked, type ProgressOptions } from './chunked';
import type { BackupArticle } from './parse-backup';
import { safeFileName } from './safe-file-name';
import { type MarkdownOptions, toMarkdown } from './to-markdown';
import { toZip, type ZipEntry } from './to-zip';

export interface MarkdownZipOptions extends Omit<MarkdownOptions, 'imagePaths'>, ProgressOptions {
  /** Stored pictures by hash; each article's `images` links name the ones it uses. */
  images?: ReadonlyMap<string, ImageBytes>;
}

/**
 * Many articles as a zip of Markdown files (an Obsidian vault folder), one per article named
 * after its title, and their stored pictures in an `images/` folder (each distinct picture once)
 * that the Markdown links to relatively. Progress covers conversion (first half) and zipping
 * (second half).
 */
export async function toMarkdownZip(
  articles: readonly (BackupArticle & { highlights: readonly Highlight[] })[],
  options: MarkdownZipOptions = {},
): Promise<Result<Uint8Array>> {
  const { onProgress, signal } = options;
  const stored = options.images ?? new Map<string, ImageBytes>();
  const total = articles.length * 2;
  const files: ZipEntry[] = [];
  const pictures = new Map<string, ZipEntry>();
  const converted = await forEachChunked(
    articles,
    ({ meta, content, highlights, images = [] }) => {
      const imagePaths = mapLinks(images, stored, imageFilePath);
      for (const link of images) {
        const image = stored.get(link.hash);
        if (image) pictures.set(image.hash, { name: imageFilePath(image), data: image.bytes });
      }
      files.push({
        name: `${safeFileName(meta.title)}.md`,
        data: toMarkdown(meta, content, highlights, { ...options, imagePaths }),
      });
    },
    { signal, onProgress: onProgress && ((done) => onProgress(done, total)) },
  );
  if (!converted) return err('cancelled');
  files.push(...pictures.values());
  return toZip(files, {
    signal,
    onProgress: onProgress && ((done) => onProgress(articles.length + done, total)),
  });
}

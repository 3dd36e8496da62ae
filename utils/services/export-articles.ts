import { browser } from 'wxt/browser';
import {
  FILE_TYPES,
  imageDataUrl,
  mapLinks,
  type ProgressOptions,
  safeFileName,
  toMarkdown,
  toMarkdownZip,
  toStandaloneHtml,
  toZip,
  type ZipEntry,
} from '@/utils/export';
import { createSanitiser, type Sanitiser } from '@/utils/extraction';
import { type ColorNames, err, ok, type Result } from '@/utils/model';
import {
  type ArticleForExport,
  getArticle,
  listHighlights,
  type ReadmarkDb,
  readArticlesForExport,
  readImagesForExport,
} from '@/utils/storage';
import { readColorNames } from './color-names';
import { t } from './i18n';

export type ExportFormat = 'markdown' | 'html';

/** Stored pictures of the exported articles (see readImagesForExport). */
type ArticlePictures = Awaited<ReturnType<typeof readImagesForExport>>;
const NO_PICTURES: ArticlePictures = { links: new Map(), images: new Map() };

/** A file ready for downloadFile. */
export interface ExportedFile {
  name: string;
  data: string;
  type: string;
}

/**
 * One article as a file: Markdown (front matter, body, highlights) or a standalone HTML page (the
 * body sanitised again with `sanitise`), named after its title.
 */
export function articleFile(
  { meta, content, highlights }: ArticleForExport,
  format: ExportFormat,
  colorNames: ColorNames,
  sanitise: Sanitiser,
  pictures: ArticlePictures = NO_PICTURES,
): ExportedFile {
  const name = safeFileName(meta.title);
  // One HTML file carries its pictures inline; a lone Markdown file keeps their web addresses
  // (the zip export puts them in images/).
  const images = mapLinks(pictures.links.get(meta.id) ?? [], pictures.images, imageDataUrl);
  return format === 'markdown'
    ? {
        name: `${name}.md`,
        data: toMarkdown(meta, content, highlights, { colorNames }),
        type: FILE_TYPES.markdown,
      }
    : {
        name: `${name}.html`,
        data: toStandaloneHtml(meta, content, highlights, sanitise, {
          colorNames,
          images,
          locale: browser.i18n.getUILanguage(),
          wording: {
            saved: (date) => t('exportSaved', date),
            readingTime: (minutes) => t('minutesRead', String(minutes)),
            tags: (list) => t('exportTags', list),
          },
        }),
        type: FILE_TYPES.html,
      };
}

/** The saved article `id` as a Markdown or HTML file, with its highlights and the reader's colour names. */
export async function exportArticleFile(
  db: ReadmarkDb,
  id: string,
  format: ExportFormat,
): Promise<Result<ExportedFile>> {
  const [article, highlights, colorNames] = await Promise.all([
    getArticle(db, id),
    listHighlights(db, id),
    readColorNames(db),
  ]);
  if (!article) return err('article-gone');
  const pictures = format === 'html' ? await readImagesForExport(db, [id]) : NO_PICTURES;
  return ok(articleFile({ ...article, highlights }, format, colorNames, createSanitiser(window), pictures));
}

/**
 * The articles `ids` as one zip of Markdown or standalone HTML files (names made unique:
 * "Title.md", "Title (2).md"). Progress counts reading and converting (first half) then zipping
 * (second half); a cancel answers `{ ok: false }` and nothing partial. Needs a real DOM (`window`)
 * for the HTML sanitiser: call it from an extension page.
 */
export async function exportArticlesZip(
  db: ReadmarkDb,
  ids: readonly string[],
  format: ExportFormat,
  { onProgress, signal }: ProgressOptions = {},
): Promise<Result<Uint8Array>> {
  const colorNames = await readColorNames(db);
  const sanitise = createSanitiser(window);
  const total = ids.length * 2;
  const pictures = await readImagesForExport(db, ids);
  const files: ZipEntry[] = [];
  const markdown: ArticleForExport[] = [];
  const read = await readArticlesForExport(
    db,
    ids,
    (articles, idsDone) => {
      for (const article of articles) {
        if (format === 'markdown') markdown.push(article);
        else files.push(articleFile(article, format, colorNames, sanitise, pictures));
      }
      onProgress?.(idsDone, total);
    },
    { signal },
  );
  if (!read) return err('cancelled');
  if (format === 'markdown') {
    // Markdown files link their pictures in images/ relatively (see toMarkdownZip).
    const withLinks = markdown.map((article) => ({
      ...article,
      images: pictures.links.get(article.meta.id),
    }));
    return toMarkdownZip(withLinks, {
      colorNames,
      images: pictures.images,
      signal,
      onProgress: onProgress && ((done, of) => onProgress(Math.round((done / of) * total), total)),
    });
  }
  // Some ids may be gone: the zip half is scaled so progress still ends at `total`.
  const zipped =
    onProgress &&
    ((done: number, of: number) => onProgress(ids.length + Math.round((done / of) * ids.length), total));
  return toZip(files, { signal, onProgress: zipped });
}

import * as v from 'valibot';
import {
  type ArticleContent,
  type ArticleMeta,
  boundCanonical,
  err,
  type Highlight,
  type ImageBytes,
  type ImageLink,
  ok,
  type Result,
} from '@/utils/model';
import { checkImage } from './backup-images';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupArticleSchema,
  FIELD_LIMITS,
  firstIssue,
  highlightSchema,
  utf8Length,
} from './backup-schema';
import { forEachChunked, type ProgressOptions } from './chunked';
import { unsafeKeyReason } from './unsafe-key';

/** One article of a backup: its library entry and its body. */
export interface BackupArticle {
  meta: ArticleMeta;
  content: ArticleContent;
  /** The article's stored pictures: the URL its HTML names → the hash of a backup image (version 2). */
  images?: ImageLink[];
}

/** A record of the file that was not accepted, and why (the UI lists these). */
export interface Rejection {
  kind: 'article' | 'highlight' | 'settings' | 'image';
  /** Position in the file's `articles`, `highlights` or `images` list (0 for settings). */
  index: number;
  reason: string;
}

/** What a backup file holds once every record has been checked. */
export interface ParsedBackup {
  exportedAt: string | null;
  articles: BackupArticle[];
  highlights: Highlight[];
  /** The settings object as written (plain JSON, no unsafe keys); the caller validates each setting. */
  settings: Record<string, unknown>;
  /** The pictures whose bytes match their hash (version 2; none in version 1 files). */
  images: ImageBytes[];
  rejected: Rejection[];
}

/**
 * Reads a backup file's text and checks every record (types, required fields, sizes, unsafe keys,
 * duplicates, highlights whose article is absent). Good records are kept and bad ones listed in
 * `rejected` with a reason; a file that is not a Readmark backup at all is `{ ok: false }`.
 * Never modifies any prototype. `contentHtml` is untrusted: sanitise it again before storing.
 */
export async function parseBackup(
  text: string,
  options: ProgressOptions = {},
): Promise<Result<ParsedBackup>> {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return err('backup-not-json', { detail: (error as Error).message });
  }
  const header = readHeader(root);
  if (!header.ok) return header;
  const { articles: rawArticles, highlights: rawHighlights } = header.value;
  const parsed: ParsedBackup = {
    exportedAt: header.value.exportedAt,
    articles: [],
    highlights: [],
    settings: {},
    images: [],
    rejected: [],
  };
  const reject = (kind: Rejection['kind'], index: number, reason: string) =>
    parsed.rejected.push({ kind, index, reason });
  // Pictures first, so each article's links can be checked against them.
  const pictures = new Map<string, ImageBytes>();
  for (const [index, raw] of header.value.images.entries()) {
    if (options.signal?.aborted) return err('cancelled');
    const unsafe = unsafeKeyReason(raw);
    const image = unsafe ?? (await checkImage(raw));
    if (typeof image === 'string') reject('image', index, image);
    else if (pictures.has(image.hash)) reject('image', index, `duplicate picture ${image.hash}`);
    else pictures.set(image.hash, image);
  }
  parsed.images = [...pictures.values()];
  const total = rawArticles.length + rawHighlights.length;
  const progress = options.onProgress;
  const ids = new Set<string>();
  const canonicals = new Set<string>();
  const articlesDone = await forEachChunked(
    rawArticles,
    (raw, index) => {
      const record = checkRecord(raw, backupArticleSchema);
      if (!record.ok) return reject('article', index, record.error);
      const { meta, content } = record.value;
      // A file's canonical on another origin than the article's own URL would let that site's
      // pages claim it: the article is keyed on its own URL instead (webUrl checked it is one).
      meta.canonicalUrl = boundCanonical(meta.url, meta.canonicalUrl) ?? meta.url;
      if (content.articleId !== meta.id)
        return reject('article', index, 'content.articleId differs from meta.id');
      if (ids.has(meta.id)) return reject('article', index, `duplicate article id "${meta.id}"`);
      if (canonicals.has(meta.canonicalUrl))
        return reject(
          'article',
          index,
          `another article in this backup has the canonical URL ${meta.canonicalUrl}`,
        );
      ids.add(meta.id);
      canonicals.add(meta.canonicalUrl);
      // A link to a picture the file does not hold (or refused) is left out, and listed.
      const images = (record.value.images ?? []).filter((link) => {
        if (pictures.has(link.hash)) return true;
        reject('image', index, `article "${meta.id}" names a picture this backup does not hold: ${link.url}`);
        return false;
      });
      parsed.articles.push((images.length ? { meta, content, images } : { meta, content }) as BackupArticle);
    },
    { signal: options.signal, onProgress: progress && ((done) => progress(done, total)) },
  );
  if (!articlesDone) return err('cancelled');
  const highlightIds = new Set<string>();
  const highlightsDone = await forEachChunked(
    rawHighlights,
    (raw, index) => {
      const record = checkRecord(raw, highlightSchema);
      if (!record.ok) return reject('highlight', index, record.error);
      const highlight = record.value as Highlight;
      if (!ids.has(highlight.articleId))
        return reject(
          'highlight',
          index,
          `its article "${highlight.articleId}" is not in this backup (or was rejected)`,
        );
      if (highlightIds.has(highlight.id))
        return reject('highlight', index, `duplicate highlight id "${highlight.id}"`);
      highlightIds.add(highlight.id);
      parsed.highlights.push(highlight);
    },
    {
      signal: options.signal,
      onProgress: progress && ((done) => progress(rawArticles.length + done, total)),
    },
  );
  if (!highlightsDone) return err('cancelled');
  const settings = checkSettings(header.value.settings);
  if (settings.ok) parsed.settings = settings.value;
  else reject('settings', 0, settings.error);
  return ok(parsed);
}

interface Header {
  exportedAt: string | null;
  articles: unknown[];
  highlights: unknown[];
  settings: unknown;
  images: unknown[];
}

function readHeader(root: unknown): Result<Header> {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return err('backup-no-object');
  const file = root as Record<string, unknown>;
  if (file.format !== BACKUP_FORMAT) return err('backup-wrong-format');
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1)
    return err('backup-bad-version');
  if (file.version > BACKUP_VERSION) return err('backup-newer-version', { version: file.version });
  if (!Array.isArray(file.articles)) return err('backup-not-list', { field: 'articles' });
  if (!Array.isArray(file.highlights)) return err('backup-not-list', { field: 'highlights' });
  if (file.images !== undefined && !Array.isArray(file.images))
    return err('backup-not-list', { field: 'images' });
  return ok({
    exportedAt: typeof file.exportedAt === 'string' ? file.exportedAt.slice(0, 64) : null,
    articles: file.articles,
    highlights: file.highlights,
    settings: file.settings ?? {},
    images: (file.images as unknown[] | undefined) ?? [],
  });
}

function checkRecord<S extends v.GenericSchema>(raw: unknown, schema: S): Result<v.InferOutput<S>, string> {
  const unsafe = unsafeKeyReason(raw);
  if (unsafe) return { ok: false, error: unsafe };
  const result = v.safeParse(schema, raw);
  return result.success ? ok(result.output) : { ok: false, error: firstIssue(result.issues) };
}

/** A record's check: its reason, when it fails, is listed with the rejected records. */
function checkSettings(raw: unknown): Result<Record<string, unknown>, string> {
  const refuse = (reason: string) => ({ ok: false as const, error: reason });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('settings: not an object');
  const unsafe = unsafeKeyReason(raw, 'settings');
  if (unsafe) return refuse(unsafe);
  if (utf8Length(JSON.stringify(raw)) > FIELD_LIMITS.settings) return refuse('settings: larger than 1 MiB');
  return ok(raw as Record<string, unknown>);
}

import * as v from 'valibot';
import {
  type AppError,
  type ArticleContent,
  type ArticleMeta,
  boundCanonical,
  err,
  fail,
  type Highlight,
  type ImageBytes,
  type ImageLink,
  ok,
  type Result,
  type ReviewCard,
  type ReviewLogEntry,
} from '@/utils/model';
import { checkImage } from './backup-images';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupArticleSchema,
  FIELD_LIMITS,
  firstIssue,
  highlightSchema,
  reviewCardSchema,
  reviewLogSchema,
  utf8Length,
} from './backup-schema';
import type { ProgressOptions } from './chunked';
import { JsonNotAnObjectError, type JsonPiece, JsonPieces, JsonSyntaxError } from './json-pieces';
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
  kind: 'article' | 'highlight' | 'settings' | 'image' | 'review';
  /** Position in the file's `articles`, `highlights`, `reviewCards`, `reviewLog` or `images` list (0 for settings). */
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
  /** The highlights' review schedules and the review log (none in files written before the review). */
  reviewCards: ReviewCard[];
  reviewLog: ReviewLogEntry[];
  rejected: Rejection[];
}

/** A record of the file that passed its checks, in the order readBackup hands them out. */
export type BackupRecord =
  | { kind: 'article'; value: BackupArticle }
  | { kind: 'highlight'; value: Highlight }
  | { kind: 'image'; value: ImageBytes }
  | { kind: 'review-card'; value: ReviewCard }
  | { kind: 'review-log'; value: ReviewLogEntry };

/** What a whole file held, known once it has been read to its end. */
export interface BackupSummary {
  exportedAt: string | null;
  /** Records accepted. */
  articles: number;
  highlights: number;
  images: number;
  reviewCards: number;
  reviewLog: number;
  /** The hashes of the pictures accepted (a second read passes them back as `knownImages`). */
  imageHashes: Set<string>;
  settings: Record<string, unknown>;
  rejected: Rejection[];
}

export interface ReadBackupOptions extends ProgressOptions {
  /**
   * The pictures a first read of the same file accepted. Without it an article's picture links
   * can only be checked once every picture has been read (they come last), so articles are handed
   * out with their links unchecked and the links to missing pictures are listed at the end; with
   * it each article comes with only the links to those pictures.
   */
  knownImages?: ReadonlySet<string>;
}

/** No record of a backup is larger than this (a 10 MiB body twice over, its removed blocks and escapes). */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;
const LISTS = new Set(['articles', 'highlights', 'images', 'reviewCards', 'reviewLog']);
/** Lists whose records name a highlight: checked once every highlight has been read. */
const REVIEW_LISTS = new Set(['reviewCards', 'reviewLog']);
// Characters handed to the splitter at a time when the backup is one string (tests, small files).
const TEXT_CHUNK = 1 << 20;
// Bytes read from a file at a time.
const BYTE_CHUNK = 1 << 20;

/**
 * Reads a backup (a File, any Blob, or its text) as a stream and checks every record (types,
 * required fields, sizes, unsafe keys, duplicates, highlights whose article is absent, pictures
 * whose bytes do not match their hash) as it goes: only one record is held as text at a time.
 * Yields the accepted records, all articles first, then highlights, then pictures (a hand-made file
 * in another order has its later lists held back until the articles are read), and review records
 * once the highlights are read (they come before the pictures in files Readmark writes); returns what the
 * file held, with every rejected record and why, or `{ ok: false }` for a file that is not a
 * Readmark backup or is damaged (not JSON, cut short). Never modifies any prototype.
 * `contentHtml` is untrusted: sanitise it again before storing.
 */
export async function* readBackup(
  source: Blob | string,
  options: ReadBackupOptions = {},
): AsyncGenerator<BackupRecord, Result<BackupSummary>> {
  const checker = new RecordChecker(options.knownImages);
  const splitter = new JsonPieces(LISTS, MAX_RECORD_CHARS);
  try {
    for await (const chunk of textChunks(source, options)) {
      if (options.signal?.aborted) return err('cancelled');
      for (const piece of splitter.push(chunk)) {
        const refused = checker.header(piece);
        if (refused) return fail(refused);
        for (const record of await checker.piece(piece)) yield record;
      }
    }
  } catch (error) {
    if (error instanceof JsonNotAnObjectError) return err('backup-no-object');
    if (!(error instanceof JsonSyntaxError)) throw error;
    return err('backup-not-json', { detail: error.message });
  }
  if (options.signal?.aborted) return err('cancelled');
  if (!splitter.complete) return err('backup-cut-short');
  const missing = checker.missingHeader();
  if (missing) return fail(missing);
  for (const record of await checker.finish()) yield record;
  return ok(checker.summary());
}

/** Reads a whole backup into memory (tests and small files; the settings page streams with readBackup). */
export async function parseBackup(
  source: Blob | string,
  options: ProgressOptions = {},
): Promise<Result<ParsedBackup>> {
  const parsed: ParsedBackup = {
    exportedAt: null,
    articles: [],
    highlights: [],
    settings: {},
    images: [],
    reviewCards: [],
    reviewLog: [],
    rejected: [],
  };
  const records = readBackup(source, options);
  for (;;) {
    const next = await records.next();
    if (next.done) {
      if (!next.value.ok) return next.value;
      const { exportedAt, settings, rejected, imageHashes } = next.value.value;
      // Links to pictures the file does not hold were listed at the end: drop them here.
      for (const article of parsed.articles) {
        const images = article.images?.filter((link) => imageHashes.has(link.hash));
        if (images?.length) article.images = images;
        else delete article.images;
      }
      return ok({ ...parsed, exportedAt, settings, rejected });
    }
    const { kind, value } = next.value;
    if (kind === 'article') parsed.articles.push(value);
    else if (kind === 'highlight') parsed.highlights.push(value);
    else if (kind === 'review-card') parsed.reviewCards.push(value);
    else if (kind === 'review-log') parsed.reviewLog.push(value);
    else parsed.images.push(value);
  }
}

/** The file's text in chunks: decoded as it streams from a Blob, or sliced from a string. */
async function* textChunks(source: Blob | string, { onProgress }: ProgressOptions): AsyncGenerator<string> {
  if (typeof source === 'string') {
    for (let at = 0; at < source.length; at += TEXT_CHUNK) {
      yield source.slice(at, at + TEXT_CHUNK);
      onProgress?.(Math.min(source.length, at + TEXT_CHUNK), source.length);
    }
    return;
  }
  // Not fatal: invalid UTF-8 becomes U+FFFD, as Blob.text() would read it. Read in slices
  // (every Blob has slice and arrayBuffer; not every one has stream()).
  const decoder = new TextDecoder();
  for (let at = 0; at < source.size; at += BYTE_CHUNK) {
    const bytes = await source.slice(at, at + BYTE_CHUNK).arrayBuffer();
    yield decoder.decode(bytes, { stream: true });
    onProgress?.(Math.min(source.size, at + BYTE_CHUNK), source.size);
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The checks of every record, kept across the pieces of one file. */
class RecordChecker {
  private format: unknown;
  private version: number | null = null;
  private exportedAt: string | null = null;
  private settings: unknown = {};
  private settingsOversized = false;
  private readonly seen = new Set<string>();
  private readonly rejected: Rejection[] = [];
  private readonly ids = new Set<string>();
  private readonly canonicals = new Set<string>();
  /** Accepted highlight id → its article's id (review records must name one). */
  private readonly highlightIds = new Map<string, string>();
  private readonly reviewKeys = new Set<string>();
  private readonly pictures = new Set<string>();
  /** Links not yet checked against the pictures (a first read: the pictures come after the articles). */
  private readonly links: { index: number; id: string; url: string; hash: string }[] = [];
  /** Highlights and pictures read before the articles list ended (a hand-made file's order). */
  private readonly heldBack: JsonPiece[] = [];
  /** Review records read before every highlight was. */
  private readonly heldReviews: JsonPiece[] = [];
  private articlesDone = false;
  private highlightsDone = false;
  private counts = { articles: 0, highlights: 0, images: 0, reviewCards: 0, reviewLog: 0 };

  constructor(private readonly knownImages: ReadonlySet<string> | undefined) {}

  /** Why the file is refused at this piece (a header field that is wrong), or null. */
  header(piece: JsonPiece): AppError | null {
    if (piece.kind === 'element') return null;
    this.seen.add(piece.key);
    if (piece.kind === 'list-end') return null;
    const { key, value } = piece;
    if (key === 'format') {
      this.format = value;
      if (value !== BACKUP_FORMAT) return { code: 'backup-wrong-format' };
    } else if (key === 'version') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
        return { code: 'backup-bad-version' };
      if (value > BACKUP_VERSION) return { code: 'backup-newer-version', data: { version: value } };
      this.version = value;
    } else if (key === 'exportedAt') this.exportedAt = typeof value === 'string' ? value.slice(0, 64) : null;
    else if (key === 'settings') {
      this.settings = value ?? {};
      this.settingsOversized = piece.oversized;
    } else if (LISTS.has(key)) return { code: 'backup-not-list', data: { field: key } };
    return null;
  }

  /** Why a file read to its end is still refused: a header field or list it never had. */
  missingHeader(): AppError | null {
    if (this.format !== BACKUP_FORMAT) return { code: 'backup-wrong-format' };
    if (this.version === null) return { code: 'backup-bad-version' };
    for (const field of ['articles', 'highlights'])
      if (!this.seen.has(field)) return { code: 'backup-not-list', data: { field } };
    return null;
  }

  /** The records this piece completes (none, its own, or those held back for it). */
  async piece(piece: JsonPiece): Promise<BackupRecord[]> {
    if (piece.kind === 'list-end') {
      if (piece.key === 'articles') return this.releaseHeldBack();
      if (piece.key !== 'highlights') return [];
      this.highlightsDone = true;
      return this.articlesDone ? this.releaseReviews() : [];
    }
    if (piece.kind !== 'element') return [];
    if (REVIEW_LISTS.has(piece.key) && !(this.articlesDone && this.highlightsDone)) {
      this.heldReviews.push(piece);
      return [];
    }
    if (piece.key !== 'articles' && !this.articlesDone) {
      this.heldBack.push(piece);
      return [];
    }
    const record = await this.element(piece);
    return record ? [record] : [];
  }

  /** At the end of the file: what was held back, then the article links to pictures it never held. */
  async finish(): Promise<BackupRecord[]> {
    const released = await this.releaseHeldBack();
    released.push(...(await this.releaseReviews()));
    if (!this.knownImages)
      for (const link of this.links)
        if (!this.pictures.has(link.hash))
          this.reject(
            'image',
            link.index,
            `article "${link.id}" names a picture this backup does not hold: ${link.url}`,
          );
    const settings = this.checkSettings();
    if (typeof settings === 'string') this.reject('settings', 0, settings);
    return released;
  }

  summary(): BackupSummary {
    const settings = this.checkSettings();
    return {
      exportedAt: this.exportedAt,
      ...this.counts,
      imageHashes: new Set(this.pictures),
      settings: typeof settings === 'string' ? {} : settings,
      rejected: this.rejected,
    };
  }

  private async releaseHeldBack(): Promise<BackupRecord[]> {
    this.articlesDone = true;
    const records = await this.releaseList(this.heldBack);
    if (this.highlightsDone) records.push(...(await this.releaseReviews()));
    return records;
  }

  private releaseReviews(): Promise<BackupRecord[]> {
    return this.releaseList(this.heldReviews);
  }

  private async releaseList(list: JsonPiece[]): Promise<BackupRecord[]> {
    const records: BackupRecord[] = [];
    // Highlights before pictures, whatever order the file had them in.
    const held = list.splice(0);
    held.sort((a, b) => Number(a.key === 'images') - Number(b.key === 'images'));
    for (const piece of held) {
      const record = await this.element(piece as Extract<JsonPiece, { kind: 'element' }>);
      if (record) records.push(record);
    }
    return records;
  }

  private reject(kind: Rejection['kind'], index: number, reason: string) {
    this.rejected.push({ kind, index, reason });
  }

  /** Rejects the record and answers null (no record to hand out). */
  private refuse(kind: Rejection['kind'], index: number, reason: string): null {
    this.reject(kind, index, reason);
    return null;
  }

  private async element(piece: Extract<JsonPiece, { kind: 'element' }>): Promise<BackupRecord | null> {
    const kind = REVIEW_LISTS.has(piece.key)
      ? 'review'
      : piece.key === 'articles'
        ? 'article'
        : piece.key === 'highlights'
          ? 'highlight'
          : 'image';
    if (piece.oversized) {
      this.reject(kind, piece.index, `larger than ${MAX_RECORD_CHARS / 1024 / 1024} MiB`);
      return null;
    }
    if (piece.key === 'reviewCards') return this.reviewCard(piece.value, piece.index);
    if (piece.key === 'reviewLog') return this.reviewLine(piece.value, piece.index);
    if (kind === 'article') return this.article(piece.value, piece.index);
    if (kind === 'highlight') return this.highlight(piece.value, piece.index);
    return this.image(piece.value, piece.index);
  }

  private article(raw: unknown, index: number): BackupRecord | null {
    const record = checkRecord(raw, backupArticleSchema);
    if (!record.ok) return this.refuse('article', index, record.error);
    const { meta, content } = record.value;
    // A file's canonical on another origin than the article's own URL would let that site's
    // pages claim it: the article is keyed on its own URL instead (webUrl checked it is one).
    meta.canonicalUrl = boundCanonical(meta.url, meta.canonicalUrl) ?? meta.url;
    if (content.articleId !== meta.id)
      return this.refuse('article', index, 'content.articleId differs from meta.id');
    if (this.ids.has(meta.id)) return this.refuse('article', index, `duplicate article id "${meta.id}"`);
    if (this.canonicals.has(meta.canonicalUrl))
      return this.refuse(
        'article',
        index,
        `another article in this backup has the canonical URL ${meta.canonicalUrl}`,
      );
    this.ids.add(meta.id);
    this.canonicals.add(meta.canonicalUrl);
    this.counts.articles++;
    let images = record.value.images ?? [];
    if (this.knownImages) {
      const known = this.knownImages;
      images = images.filter((link) => known.has(link.hash));
    } else for (const link of images) this.links.push({ index, id: meta.id, url: link.url, hash: link.hash });
    return {
      kind: 'article',
      value: (images.length ? { meta, content, images } : { meta, content }) as BackupArticle,
    };
  }

  private highlight(raw: unknown, index: number): BackupRecord | null {
    const record = checkRecord(raw, highlightSchema);
    if (!record.ok) return this.refuse('highlight', index, record.error);
    const highlight = record.value as Highlight;
    if (!this.ids.has(highlight.articleId))
      return this.refuse(
        'highlight',
        index,
        `its article "${highlight.articleId}" is not in this backup (or was rejected)`,
      );
    if (this.highlightIds.has(highlight.id))
      return this.refuse('highlight', index, `duplicate highlight id "${highlight.id}"`);
    this.highlightIds.set(highlight.id, highlight.articleId);
    this.counts.highlights++;
    return { kind: 'highlight', value: highlight };
  }

  private reviewCard(raw: unknown, index: number): BackupRecord | null {
    const record = checkRecord(raw, reviewCardSchema);
    if (!record.ok) return this.refuse('review', index, `reviewCards: ${record.error}`);
    const card = record.value as ReviewCard;
    const why = this.reviewProblem(card, `card ${card.highlightId}`);
    if (why) return this.refuse('review', index, `reviewCards: ${why}`);
    this.counts.reviewCards++;
    return { kind: 'review-card', value: card };
  }

  private reviewLine(raw: unknown, index: number): BackupRecord | null {
    const record = checkRecord(raw, reviewLogSchema);
    if (!record.ok) return this.refuse('review', index, `reviewLog: ${record.error}`);
    const line = record.value as ReviewLogEntry;
    const why = this.reviewProblem(line, `log ${line.highlightId} ${line.reviewedAt}`);
    if (why) return this.refuse('review', index, `reviewLog: ${why}`);
    this.counts.reviewLog++;
    return { kind: 'review-log', value: line };
  }

  /** Why a review record cannot be taken (its highlight is not in the file, or it repeats one), or null. */
  private reviewProblem(record: { highlightId: string; articleId: string }, key: string): string | null {
    if (this.highlightIds.get(record.highlightId) !== record.articleId)
      return `its highlight "${record.highlightId}" of article "${record.articleId}" is not in this backup (or was rejected)`;
    if (this.reviewKeys.has(key)) return `duplicate ${key}`;
    this.reviewKeys.add(key);
    return null;
  }

  private async image(raw: unknown, index: number): Promise<BackupRecord | null> {
    const image = unsafeKeyReason(raw) ?? (await checkImage(raw));
    if (typeof image === 'string') return this.refuse('image', index, image);
    if (this.pictures.has(image.hash)) return this.refuse('image', index, `duplicate picture ${image.hash}`);
    this.pictures.add(image.hash);
    this.counts.images++;
    return { kind: 'image', value: image };
  }

  private checkSettings(): Record<string, unknown> | string {
    const raw = this.settings;
    if (this.settingsOversized) return 'settings: larger than 1 MiB';
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'settings: not an object';
    const unsafe = unsafeKeyReason(raw, 'settings');
    if (unsafe) return unsafe;
    if (utf8Length(JSON.stringify(raw)) > FIELD_LIMITS.settings) return 'settings: larger than 1 MiB';
    return raw as Record<string, unknown>;
  }
}

function checkRecord<S extends v.GenericSchema>(raw: unknown, schema: S): Result<v.InferOutput<S>, string> {
  const unsafe = unsafeKeyReason(raw);
  if (unsafe) return { ok: false, error: unsafe };
  const result = v.safeParse(schema, raw);
  return result.success ? ok(result.output) : { ok: false, error: firstIssue(result.issues) };
}

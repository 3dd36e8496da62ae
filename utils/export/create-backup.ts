import {
  err,
  type Highlight,
  type ImageBytes,
  ok,
  type Result,
  type ReviewCard,
  type ReviewLogEntry,
} from '@/utils/model';
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
  /** The highlights' review schedules and the review log. */
  reviewCards?: readonly ReviewCard[];
  reviewLog?: readonly ReviewLogEntry[];
}

export interface CreateBackupOptions extends ProgressOptions {
  /** The export time written in the file; defaults to now (tests pass a fixed date). */
  now?: Date;
}

const SECTIONS = ['articles', 'highlights', 'reviewCards', 'reviewLog', 'images'] as const;
type Section = (typeof SECTIONS)[number];
// Text gathered before it is moved into a Blob part: in a browser a Blob's bytes live outside the
// page's JavaScript heap, so the heap holds at most this much of the file at a time.
const FLUSH_CHARS = 4 * 1024 * 1024;

/**
 * Writes a backup file (see BACKUP-FORMAT.md) record by record into a Blob, in the format's order:
 * articles, highlights, review schedules, review log, settings, pictures. One record per line, so the file stays diffable and a
 * damaged line loses one record; the whole file is never one string.
 */
export class BackupWriter {
  private readonly parts: Blob[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private section = -1;
  private first = true;
  private settings: Record<string, unknown> = {};

  constructor(now: Date = new Date()) {
    this.add(
      `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(now.toISOString())},\n`,
    );
  }

  article({ meta, content, images }: BackupArticle): void {
    this.record('articles', JSON.stringify({ meta, content, images: images ?? [] }));
  }

  highlight(highlight: Highlight): void {
    this.record('highlights', JSON.stringify(highlight));
  }

  reviewCard(card: ReviewCard): void {
    this.record('reviewCards', JSON.stringify(card));
  }

  reviewLog(line: ReviewLogEntry): void {
    this.record('reviewLog', JSON.stringify(line));
  }

  /** The settings object, written between the review log and the pictures. */
  setSettings(settings: Record<string, unknown>): void {
    if (this.section >= SECTIONS.indexOf('images')) throw new Error('settings come before the pictures');
    this.settings = settings;
  }

  image(image: ImageBytes): void {
    this.record('images', imageRecord(image));
  }

  /** The file: every section closed (empty ones written as empty lists). */
  finish(): Blob {
    this.open(SECTIONS.length);
    this.add('}\n');
    this.flush();
    return new Blob(this.parts, { type: 'application/json' });
  }

  private record(section: Section, line: string) {
    this.open(SECTIONS.indexOf(section));
    this.add(this.first ? line : `,\n${line}`);
    this.first = false;
  }

  /** Closes the sections before `target` and opens it (a writer goes forward only). */
  private open(target: number) {
    if (target < this.section) throw new Error(`${SECTIONS[target]} come before ${SECTIONS[this.section]}`);
    while (this.section < target) {
      if (this.section >= 0) this.add(`\n]${this.section === SECTIONS.length - 1 ? '' : ','}\n`);
      this.section++;
      if (SECTIONS[this.section] === 'images') this.add(`"settings":${JSON.stringify(this.settings)},\n`);
      if (this.section < SECTIONS.length) this.add(`"${SECTIONS[this.section]}":[\n`);
      this.first = true;
    }
  }

  private add(text: string) {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  private flush() {
    if (!this.pending.length) return;
    this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingChars = 0;
  }
}

/**
 * The whole library as a versioned JSON backup from records in memory (tests, benchmarks and
 * small exports; the settings page streams from the database with BackupWriter). Runs in
 * chunks, reporting progress; a cancelled export returns `{ ok: false }` and nothing partial.
 */
export async function createBackup(
  input: BackupInput,
  options: CreateBackupOptions = {},
): Promise<Result<string>> {
  const { onProgress, signal } = options;
  const total = input.articles.length + input.highlights.length;
  const writer = new BackupWriter(options.now);
  writer.setSettings(input.settings);
  const steps = [
    [input.articles, (article: BackupArticle) => writer.article(article), 0],
    [input.highlights, (highlight: Highlight) => writer.highlight(highlight), input.articles.length],
    [input.reviewCards ?? [], (card: ReviewCard) => writer.reviewCard(card), null],
    [input.reviewLog ?? [], (line: ReviewLogEntry) => writer.reviewLog(line), null],
    [input.images ?? [], (image: ImageBytes) => writer.image(image), null],
  ] as const;
  for (const [items, write, offset] of steps) {
    const done = await forEachChunked(items as readonly never[], write as (item: never) => void, {
      signal,
      onProgress: onProgress && offset !== null ? (n) => onProgress(offset + n, total) : undefined,
    });
    if (!done) return err('cancelled');
  }
  return ok(await writer.finish().text());
}

import * as v from 'valibot';
import { HIGHLIGHT_COLORS, IMAGE_CAPS, normaliseUrl } from '@/utils/model';

export const BACKUP_FORMAT = 'readmark-backup';
/** Version 2 (2026-12-06) adds pictures: a top-level `images` list and each article's `images` links. */
export const BACKUP_VERSION = 2;

const MiB = 1024 * 1024;
/**
 * Size caps per field (in UTF-8 bytes for the bodies, characters elsewhere). Bodies stay under
 * 10 MiB because some JSON readers break on larger single values; the rest is far smaller than any
 * real value, so a hostile file cannot make the importer hold gigabytes in one field.
 */
export const FIELD_LIMITS = {
  body: 10 * MiB,
  removedHtml: MiB,
  quote: MiB,
  note: 256 * 1024,
  url: 16 * 1024,
  text: 16 * 1024,
  short: 1024,
  id: 256,
  tags: 1000,
  removedBlocks: 10_000,
  settings: MiB,
};

/** UTF-8 byte length without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Two extra bytes for U+0800..U+FFFF, one for U+0080..U+07FF; a surrogate pair (4 bytes) counts 2 + 2.
    if (code >= 0x800 && (code < 0xd800 || code > 0xdfff)) bytes += 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}

const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `longer than ${max} characters`));
const body = v.pipe(
  v.string(),
  // A string can only exceed the byte cap if it has more than a third as many code units.
  v.check(
    (s) => s.length * 3 <= FIELD_LIMITS.body || utf8Length(s) <= FIELD_LIMITS.body,
    'larger than 10 MiB',
  ),
);
/** A web address: anything else (javascript:, data:, file:…) in a backup is refused. */
const webUrl = v.pipe(
  text(FIELD_LIMITS.url),
  v.check((s) => normaliseUrl(s) !== null, 'not an http(s) URL'),
);
const id = v.pipe(v.string(), v.minLength(1, 'empty id'), v.maxLength(FIELD_LIMITS.id, 'id too long'));
const epochMs = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(8.64e15));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const flag = v.picklist([0, 1] as const);

export const articleMetaSchema = v.object({
  id,
  url: webUrl,
  canonicalUrl: webUrl,
  title: text(FIELD_LIMITS.text),
  byline: v.nullable(text(FIELD_LIMITS.short)),
  siteName: v.nullable(text(FIELD_LIMITS.short)),
  publishedTime: v.nullable(text(FIELD_LIMITS.short)),
  lang: v.nullable(text(FIELD_LIMITS.short)),
  dir: v.nullable(v.picklist(['ltr', 'rtl'] as const)),
  leadImage: v.nullable(webUrl),
  excerpt: text(FIELD_LIMITS.text),
  wordCount: count,
  readingTimeMinutes: count,
  tags: v.pipe(v.array(text(FIELD_LIMITS.short)), v.maxLength(FIELD_LIMITS.tags, 'too many tags')),
  favourite: flag,
  archived: flag,
  savedAt: epochMs,
  updatedAt: epochMs,
  readAt: v.nullable(epochMs),
  progress: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  notDownloaded: v.optional(v.literal(1)),
  downloadError: v.optional(text(FIELD_LIMITS.short)),
});

export const articleContentSchema = v.object({
  articleId: id,
  contentHtml: body,
  textContent: body,
  removed: v.pipe(
    v.array(
      v.object({
        rule: text(FIELD_LIMITS.short),
        label: text(FIELD_LIMITS.short),
        sample: text(FIELD_LIMITS.text),
        html: text(FIELD_LIMITS.removedHtml),
      }),
    ),
    v.maxLength(FIELD_LIMITS.removedBlocks, 'too many removed blocks'),
  ),
});

/** A picture's hash as stored: lower-case hex SHA-256. */
export const imageHash = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hash'));

/** An article's picture links (version 2), at most as many as an article may store. */
const imageLinksSchema = v.pipe(
  v.array(v.object({ url: text(FIELD_LIMITS.url), hash: imageHash })),
  v.maxLength(IMAGE_CAPS.perArticleCount, 'too many pictures'),
);

export const backupArticleSchema = v.object({
  meta: articleMetaSchema,
  content: articleContentSchema,
  images: v.optional(imageLinksSchema),
});

export const highlightSchema = v.object({
  id,
  articleId: id,
  color: v.picklist(HIGHLIGHT_COLORS),
  note: text(FIELD_LIMITS.note),
  quote: v.object({
    type: v.literal('TextQuoteSelector'),
    exact: text(FIELD_LIMITS.quote),
    prefix: text(FIELD_LIMITS.short),
    suffix: text(FIELD_LIMITS.short),
  }),
  position: v.pipe(
    v.object({ type: v.literal('TextPositionSelector'), start: count, end: count }),
    v.check((p) => p.end >= p.start, 'position ends before it starts'),
  ),
  createdAt: epochMs,
  updatedAt: epochMs,
});

/** The first problem valibot found, as "path: message" for the rejection list. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = issue.path?.map((item) => String(item.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

const reviewState = v.picklist([0, 1, 2, 3] as const);
const finite = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e9));

/** A highlight's review schedule (optional list `reviewCards`, schema version 6 of the database). */
export const reviewCardSchema = v.object({
  highlightId: id,
  articleId: id,
  due: epochMs,
  stability: finite,
  difficulty: finite,
  scheduledDays: count,
  learningSteps: count,
  reps: count,
  lapses: count,
  state: reviewState,
  lastReview: v.nullable(epochMs),
});

/** One answer of the review log (optional list `reviewLog`). */
export const reviewLogSchema = v.object({
  highlightId: id,
  articleId: id,
  rating: v.picklist([1, 2, 3, 4] as const),
  state: reviewState,
  reviewedAt: epochMs,
  due: epochMs,
  stability: finite,
  difficulty: finite,
  scheduledDays: count,
});

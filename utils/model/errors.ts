/**
 * Every failure Readmark expects, as a code with its data: never display text. The interface
 * turns a code into a message in the reader's language (components/shared/error-message.ts), so
 * an error made in the background, a Worker or a content script reads the same everywhere.
 * `detail` is text Readmark does not write (a browser's or a parser's own wording), shown as is.
 */
export interface ErrorData {
  /** The reader cancelled a long task: nothing was exported or imported. */
  cancelled: undefined;
  /** A failure nothing foresaw (a bug, a browser refusing something): still shown, never only logged. */
  unexpected: { detail: string };

  // Messaging.
  'page-no-answer': { detail: string };
  'background-no-answer': { detail: string };
  'offscreen-no-answer': { detail: string };
  'no-answer': undefined;
  'message-malformed': undefined;
  'message-unknown': { type: string };
  'message-not-allowed': { type: string };
  'message-invalid': { type: string; detail: string };
  'tab-url-unknown': undefined;
  'capture-not-tab-page': undefined;

  // The page in the tab (popup).
  'no-tab': undefined;
  'page-unknown-kind': undefined;
  'page-file': undefined;
  'page-browser': undefined;
  'page-store': undefined;
  'page-pdf': undefined;
  'page-no-access': { detail: string };

  // Extraction.
  'not-html': undefined;
  'no-article-text': undefined;
  'extract-timeout': { seconds: number };
  'extract-failed': { detail: string };

  // Storage.
  'storage-full': undefined;
  'storage-failed': { detail: string };
  'not-web-address': { url: string };
  'library-unreadable': { detail: string };
  'article-gone': undefined;
  'images-no-space': undefined;

  // Highlights and notes.
  'select-text-first': undefined;
  'select-passage-first': undefined;
  'highlight-not-on-page': undefined;
  'highlight-article-removed': undefined;
  'highlight-article-gone': undefined;
  'highlight-already-there': undefined;
  'passage-not-in-article': undefined;
  'highlight-gone': undefined;
  'highlight-other-page': undefined;
  'highlight-undo-expired': undefined;
  'page-not-saved': undefined;
  'note-gone': undefined;

  // Pictures.
  'images-not-allowed': undefined;
  'image-no-access': undefined;
  'image-bad-address': undefined;
  'image-other-site': undefined;
  'image-status': { status: number };
  'image-unsupported': undefined;
  'image-too-large': undefined;
  'image-unreadable': { detail: string };

  // Downloading imported articles.
  'site-status': { status: number };
  'not-a-web-page': { type: string };
  'page-too-large': { megabytes: number };
  'site-unreachable': { detail: string };

  // Backups, imports (and why an imported document is skipped), the library.
  'backup-not-json': { detail: string };
  'backup-no-object': undefined;
  'backup-wrong-format': undefined;
  'backup-bad-version': undefined;
  'backup-newer-version': { version: number };
  'backup-not-list': { field: string };
  'backup-incomplete': { count: number; kind: string; index: number; reason: string };
  'backup-count-mismatch': {
    articles: number;
    highlights: number;
    expectedArticles: number;
    expectedHighlights: number;
  };
  'import-empty': undefined;
  'import-unreadable': { detail: string };
  'import-zip-unknown': undefined;
  'import-zip-damaged': { detail: string };
  'import-json-unreadable': { detail: string };
  'import-empty-list': undefined;
  'import-json-unknown': undefined;
  'import-html-unknown': undefined;
  'import-csv-unknown': undefined;
  'import-csv-damaged': { detail: string };
  'import-part-damaged': { name: string; detail: string };
  'import-part-not-json': { name: string; detail: string };
  'import-part-not-list': { name: string };
  'skip-no-url': undefined;
  'skip-not-web-address': { scheme: string };
  'skip-invalid-address': undefined;
  'skip-readwise-no-url': undefined;
  'tag-name-empty': undefined;
  'search-index-unusable': { detail: string };
}

export type ErrorCode = keyof ErrorData;

/** One error: its code and, for the codes that have some, the data its message needs. */
export type AppError = {
  [C in ErrorCode]: ErrorData[C] extends undefined
    ? { code: C; data?: undefined }
    : { code: C; data: ErrorData[C] };
}[ErrorCode];

/** The error of one code (narrow an AppError with `error.code === …`). */
export type ErrorOf<C extends ErrorCode> = Extract<AppError, { code: C }>;

/** The arguments after the code: the data, for the codes that have some. */
export type ErrorArgs<C extends ErrorCode> = ErrorData[C] extends undefined ? [] : [data: ErrorData[C]];

const CODES: { [C in ErrorCode]: true } = {
  cancelled: true,
  unexpected: true,
  'page-no-answer': true,
  'background-no-answer': true,
  'offscreen-no-answer': true,
  'no-answer': true,
  'message-malformed': true,
  'message-unknown': true,
  'message-not-allowed': true,
  'message-invalid': true,
  'tab-url-unknown': true,
  'capture-not-tab-page': true,
  'no-tab': true,
  'page-unknown-kind': true,
  'page-file': true,
  'page-browser': true,
  'page-store': true,
  'page-pdf': true,
  'page-no-access': true,
  'not-html': true,
  'no-article-text': true,
  'extract-timeout': true,
  'extract-failed': true,
  'storage-full': true,
  'storage-failed': true,
  'not-web-address': true,
  'library-unreadable': true,
  'article-gone': true,
  'images-no-space': true,
  'select-text-first': true,
  'select-passage-first': true,
  'highlight-not-on-page': true,
  'highlight-article-removed': true,
  'highlight-article-gone': true,
  'highlight-already-there': true,
  'passage-not-in-article': true,
  'highlight-gone': true,
  'highlight-other-page': true,
  'highlight-undo-expired': true,
  'page-not-saved': true,
  'note-gone': true,
  'images-not-allowed': true,
  'image-no-access': true,
  'image-bad-address': true,
  'image-other-site': true,
  'image-status': true,
  'image-unsupported': true,
  'image-too-large': true,
  'image-unreadable': true,
  'site-status': true,
  'not-a-web-page': true,
  'page-too-large': true,
  'site-unreachable': true,
  'backup-not-json': true,
  'backup-no-object': true,
  'backup-wrong-format': true,
  'backup-bad-version': true,
  'backup-newer-version': true,
  'backup-not-list': true,
  'backup-incomplete': true,
  'backup-count-mismatch': true,
  'import-empty': true,
  'import-unreadable': true,
  'import-zip-unknown': true,
  'import-zip-damaged': true,
  'import-json-unreadable': true,
  'import-empty-list': true,
  'import-json-unknown': true,
  'import-html-unknown': true,
  'import-csv-unknown': true,
  'import-csv-damaged': true,
  'import-part-damaged': true,
  'import-part-not-json': true,
  'import-part-not-list': true,
  'skip-no-url': true,
  'skip-not-web-address': true,
  'skip-invalid-address': true,
  'skip-readwise-no-url': true,
  'tag-name-empty': true,
  'search-index-unusable': true,
};

/** Every error code, for checks at the boundaries (messages, stored records) and for tests. */
export const ERROR_CODES = Object.keys(CODES) as ErrorCode[];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(CODES, value);

/** Builds an error: `appError('page-too-large', { megabytes: 10 })`. */
export function appError<C extends ErrorCode>(code: C, ...data: ErrorArgs<C>): ErrorOf<C> {
  return (data.length ? { code, data: data[0] } : { code }) as ErrorOf<C>;
}

/** The text of something thrown, for an error's `detail`. */
export const describeThrown = (thrown: unknown): string =>
  thrown instanceof Error ? thrown.message : String(thrown);

/**
 * A failure thrown where throwing is the API (extraction is a pipeline of plain functions): it
 * carries its AppError, so whoever catches it answers a code, not the English `message` (which
 * stays for logs and the command line).
 */
export class CodedError extends Error {
  constructor(
    readonly error: AppError,
    message: string = error.code,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

/** What a caught exception means as an AppError: its own code if it carries one, else `fallback`. */
export function errorFromThrown(
  thrown: unknown,
  fallback: 'unexpected' | 'extract-failed' | 'storage-failed' = 'unexpected',
): AppError {
  if (thrown instanceof CodedError) return thrown.error;
  return { code: fallback, data: { detail: describeThrown(thrown) } };
}

/**
 * An error as a short string (at most ~1 kB: each text value cut to 300 characters) for a record
 * that stores text (an imported article's `downloadError`), read back with `decodeError`; text
 * from before codes decodes to null.
 */
export function encodeError(error: AppError): string {
  if (!error.data) return JSON.stringify(error);
  const data = Object.fromEntries(
    Object.entries(error.data).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.slice(0, 300) : value,
    ]),
  );
  return JSON.stringify({ code: error.code, data });
}

export function decodeError(text: string): AppError | null {
  try {
    const value = JSON.parse(text) as { code?: unknown; data?: unknown };
    if (!value || typeof value !== 'object' || !isErrorCode(value.code)) return null;
    if (value.data !== undefined && (typeof value.data !== 'object' || value.data === null)) return null;
    return value as AppError;
  } catch {
    return null;
  }
}

/** Marks a code whose errors carry data of type T (the value itself is never read). */
const data = <T>() => undefined as unknown as T;
const none = undefined;

/**
 * Every failure Readmark expects, as a code with its data: never display text. The interface
 * turns a code into a message in the reader's language (components/shared/error-message.ts), so
 * an error made in the background, a Worker or a content script reads the same everywhere.
 * `detail` is text Readmark does not write (a browser's or a parser's own wording), shown as is.
 */
const ERROR_DATA = {
  /** The reader cancelled a long task: nothing was exported or imported. */
  cancelled: none,
  /** A failure nothing foresaw (a bug, a browser refusing something): still shown, never only logged. */
  unexpected: data<{ detail: string }>(),

  // Messaging.
  'page-no-answer': data<{ detail: string }>(),
  'background-no-answer': data<{ detail: string }>(),
  'offscreen-no-answer': data<{ detail: string }>(),
  'no-answer': none,
  'message-malformed': none,
  'message-unknown': data<{ type: string }>(),
  'message-not-allowed': data<{ type: string }>(),
  'message-invalid': data<{ type: string; detail: string }>(),
  'tab-url-unknown': none,
  'capture-not-tab-page': none,

  // The page in the tab (popup).
  'no-tab': none,
  'page-unknown-kind': none,
  'page-file': none,
  'page-browser': none,
  'page-store': none,
  'page-pdf': none,
  'page-no-access': data<{ detail: string }>(),

  // Extraction.
  'not-html': none,
  'no-article-text': none,
  'extract-timeout': data<{ seconds: number }>(),
  'extract-failed': data<{ detail: string }>(),
  /** DOMPurify cannot work (or does nothing) in this browser's window: nothing is saved or exported unsanitised. */
  'sanitiser-unavailable': none,

  // Storage.
  'storage-full': none,
  'storage-failed': data<{ detail: string }>(),
  'not-web-address': data<{ url: string }>(),
  'library-unreadable': data<{ detail: string }>(),
  'article-gone': none,
  'images-no-space': none,

  // Highlights and notes.
  'select-text-first': none,
  'select-passage-first': none,
  'highlight-not-on-page': none,
  'highlight-article-removed': none,
  'highlight-article-gone': none,
  'highlight-already-there': none,
  'passage-not-in-article': none,
  'highlight-gone': none,
  'highlight-other-page': none,
  'highlight-undo-expired': none,
  'page-not-saved': none,
  'note-gone': none,
  /** The browser would not open the note editor's window. */
  'note-editor-failed': none,
  /** Neither the clipboard nor the page's copy command took the passage (an http:// page may refuse both). */
  'copy-failed': none,

  // Pictures.
  'images-not-allowed': none,
  'image-no-access': none,
  'image-bad-address': none,
  'image-other-site': none,
  'image-status': data<{ status: number }>(),
  'image-unsupported': none,
  'image-too-large': none,
  'image-unreadable': data<{ detail: string }>(),

  // Downloading imported articles.
  'site-status': data<{ status: number }>(),
  'not-a-web-page': data<{ type: string }>(),
  'page-too-large': data<{ megabytes: number }>(),
  'site-unreachable': data<{ detail: string }>(),

  // Backups, imports (and why an imported document is skipped), the library.
  'backup-not-json': data<{ detail: string }>(),
  'backup-no-object': none,
  'backup-wrong-format': none,
  'backup-bad-version': none,
  'backup-newer-version': data<{ version: number }>(),
  'backup-not-list': data<{ field: string }>(),
  'backup-cut-short': none,
  'backup-changed': none,
  'backup-incomplete': data<{ count: number; kind: string; index: number; reason: string }>(),
  'backup-count-mismatch': data<{
    articles: number;
    highlights: number;
    expectedArticles: number;
    expectedHighlights: number;
  }>(),
  'import-empty': none,
  'import-unreadable': data<{ detail: string }>(),
  'import-zip-unknown': none,
  'import-zip-damaged': data<{ detail: string }>(),
  'import-json-unreadable': data<{ detail: string }>(),
  'import-empty-list': none,
  'import-json-unknown': none,
  'import-html-unknown': none,
  'import-csv-unknown': none,
  'import-csv-damaged': data<{ detail: string }>(),
  'import-part-damaged': data<{ name: string; detail: string }>(),
  'import-part-not-json': data<{ name: string; detail: string }>(),
  'import-part-not-list': data<{ name: string }>(),
  'skip-no-url': none,
  'skip-not-web-address': data<{ scheme: string }>(),
  'skip-invalid-address': none,
  'skip-readwise-no-url': none,
  'tag-name-empty': none,
  'search-index-unusable': data<{ detail: string }>(),
  'search-unavailable': data<{ detail: string }>(),
  'profile-not-json': none,
  'profile-not-profile': none,
  'profile-newer-version': data<{ version: number }>(),
  'profile-bad-values': data<{ keys: string }>(),

  // Sync (utils/services/sync-service.ts).
  'sync-not-set-up': none,
  'sync-no-permission': data<{ origin: string }>(),
  'sync-bad-url': none,
  'sync-unreachable': data<{ detail: string }>(),
  'sync-sign-in-failed': none,
  'sync-no-folder': none,
  'sync-folder-not-empty': none,
  'sync-passphrase-needed': none,
  'sync-wrong-passphrase': none,
  'sync-passphrase-changed': none,
  'sync-old-passphrase-wrong': none,
  'sync-passphrase-not-kept': none,
  'sync-not-encrypted': none,
  'sync-newer-format': none,
  'sync-mass-change': data<{ deletions: number; additions: number; before: number }>(),
  'sync-records-rejected': data<{ count: number; detail: string }>(),
  // What the server answered, when it is not what a WebDAV server sends for a sync file.
  'sync-timeout': data<{ seconds: number }>(),
  'sync-server-status': data<{ status: number }>(),
  'sync-server-full': none,
  'sync-redirected': none,
  /** An answer that is not WebDAV (a login page, a proxy's page, the wrong address). */
  'sync-server-garbage': none,
  // The folder, as a whole, is not the one this library synced with: sync stops and asks.
  'sync-folder-missing': none,
  'sync-foreign-folder': none,
  'sync-encryption-removed': none,
  'sync-listing-inconsistent': data<{ count: number }>(),
  /** A device's file went back in time (restored from an old copy?); `device` is its name ('' for this one). */
  'sync-rolled-back': data<{ device: string }>(),
  // One file of the folder (its path: random names, never a title): nothing from it is applied.
  /** Cut short or corrupted: its seal, checksum or hash does not hold. */
  'sync-file-damaged': data<{ path: string }>(),
  /** Sealed with another data key than the folder's. */
  'sync-file-other-key': data<{ path: string }>(),
  'sync-file-missing': data<{ path: string }>(),
  /** Sealed right, but not what Readmark writes. */
  'sync-file-invalid': data<{ path: string }>(),
  /** Another device's clock runs absurdly far ahead: its changes wait for the reader's yes. */
  'sync-clock-ahead': data<{ device: string; days: number }>(),
};

/** The data each code carries (undefined: none). */
export type ErrorData = typeof ERROR_DATA;

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

/** Every error code, for checks at the boundaries (messages, stored records) and for tests. */
export const ERROR_CODES = Object.keys(ERROR_DATA) as ErrorCode[];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_DATA, value);

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
  fallback: 'unexpected' | 'extract-failed' | 'storage-failed' | 'library-unreadable' = 'unexpected',
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

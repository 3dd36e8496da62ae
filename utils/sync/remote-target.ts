/**
 * Where sync files live. The engine needs only these four calls, so WebDAV today and CouchDB or
 * S3-compatible storage later plug in without touching merge code. Paths are relative to the sync
 * folder, with "/" between segments; folders end without a slash.
 */
import { type AppError, appError, CodedError } from '@/utils/model';

export interface RemoteEntry {
  name: string;
  isFolder: boolean;
  /**
   * The server's strong version tag of a file (WebDAV getetag), when it gives one: a hint that a
   * file is unchanged, never proof that it changed nothing else. Weak tags are left out.
   */
  etag?: string;
}

export interface RemoteTarget {
  /** The entries of a folder, or null when the folder does not exist. */
  list(folder: string): Promise<RemoteEntry[] | null>;
  /**
   * A file's bytes, or null when it does not exist. With `maxBytes`, a larger file is not read
   * past the limit: RemoteError of kind 'too-large'.
   */
  get(path: string, options?: { maxBytes?: number }): Promise<Uint8Array<ArrayBuffer> | null>;
  /**
   * Write a file, creating its folders. With `onlyIfAbsent`, a server that honours conditional
   * requests answers 'exists' when the file is there; one that ignores them overwrites, so the
   * caller must re-read what it wrote before relying on it.
   */
  put(
    path: string,
    bytes: Uint8Array<ArrayBuffer>,
    options?: { onlyIfAbsent?: boolean },
  ): Promise<'written' | 'exists'>;
  remove(path: string): Promise<void>;
}

export type RemoteErrorKind =
  | 'network'
  | 'timeout'
  | 'auth'
  | 'server'
  | 'full'
  | 'redirect'
  | 'bad-response'
  | 'too-large';

/** What a failed request tells, besides its kind: none of it is Readmark's own wording but `detail`'s. */
export interface RemoteFacts {
  /** The HTTP status the server answered. */
  status?: number;
  /** The browser's own words for a request that got no answer. */
  detail?: string;
  /** The time a request was given before it was abandoned. */
  seconds?: number;
}

/** A failed request as the reader's error. */
function remoteAppError(kind: RemoteErrorKind, facts: RemoteFacts): AppError {
  switch (kind) {
    case 'auth':
      return appError('sync-sign-in-failed');
    case 'network':
      return appError('sync-unreachable', { detail: facts.detail ?? '' });
    case 'timeout':
      return appError('sync-timeout', { seconds: facts.seconds ?? 0 });
    case 'full':
      return appError('sync-server-full');
    case 'redirect':
      return appError('sync-redirected');
    case 'bad-response':
    // A file past its size cap (pictures catch this themselves; nothing else asks for a cap).
    case 'too-large':
      return appError('sync-server-garbage');
    case 'server':
      return appError('sync-server-status', { status: facts.status ?? 0 });
  }
}

/**
 * A request that failed; never to be read as "the file is not there". It carries the reader's
 * error (CodedError); `message` is English for logs and the command line.
 */
export class RemoteError extends CodedError {
  readonly status?: number;

  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    facts: RemoteFacts = {},
  ) {
    super(remoteAppError(kind, facts), message);
    this.name = 'RemoteError';
    if (facts.status !== undefined) this.status = facts.status;
  }
}

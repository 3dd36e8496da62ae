/**
 * Where sync files live. The engine needs only these four calls, so WebDAV today and CouchDB or
 * S3-compatible storage later plug in without touching merge code. Paths are relative to the sync
 * folder, with "/" between segments; folders end without a slash.
 */
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

/** A request that failed; never to be read as "the file is not there". */
export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

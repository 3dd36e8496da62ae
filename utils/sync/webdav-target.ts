/**
 * RemoteTarget over WebDAV with fetch only: PROPFIND (Depth 1), GET, PUT, DELETE, MKCOL.
 *
 * Every request has its own timeout (well under the 30 s after which Chrome kills an extension
 * worker waiting on fetch), sends Basic authentication by hand with `credentials: 'omit'` (no
 * cookies of the reader's web session) and refuses redirects: a moved folder is an error to show,
 * not a place to follow silently. The listing is read with regular expressions, not DOMParser,
 * which service workers do not have.
 */
import { type RemoteEntry, RemoteError, type RemoteTarget } from './remote-target';

export interface WebDavOptions {
  /** The sync folder's URL. */
  url: string;
  user: string;
  password: string;
  /** Per request; default 25 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Bytes above which a PUT into an unknown folder makes the folder first. */
const LARGE_PUT = 64_000;

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>';

export class WebDavTarget implements RemoteTarget {
  private readonly base: URL;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly fetcher: typeof fetch;
  /** Folders a PUT went into during this target's life (a run's). */
  private readonly folders = new Set<string>();

  constructor(options: WebDavOptions) {
    // No reader meets these throws: the sync service checks the URL first (syncHostPattern) and
    // answers its own error ('sync-bad-url'); they guard other callers (the CLI, tests).
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:')
      throw new Error('Server URL must be http(s)');
    const credentials = new TextEncoder().encode(`${options.user}:${options.password}`);
    this.authorization = `Basic ${btoa(String.fromCharCode(...credentials))}`;
    this.timeoutMs = options.timeoutMs ?? 25_000;
    this.fetcher = options.fetch ?? ((...args) => fetch(...args));
  }

  private urlOf(path: string, folder = false): string {
    const encoded = path
      .split('/')
      .filter(Boolean)
      .map((segment) => encodeURIComponent(segment))
      .join('/');
    return new URL(encoded + (folder && encoded ? '/' : ''), this.base).href;
  }

  /** One request, its body read in full inside the same timeout. */
  private async request(
    method: string,
    url: string,
    init: {
      headers?: Record<string, string>;
      body?: Uint8Array<ArrayBuffer> | string;
      maxBytes?: number;
    } = {},
  ): Promise<{ status: number; body: Uint8Array<ArrayBuffer> }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetcher(url, {
        method,
        headers: { Authorization: this.authorization, ...init.headers },
        body: init.body,
        credentials: 'omit',
        redirect: 'manual',
        cache: 'no-store',
        signal: controller.signal,
      });
      const body =
        init.maxBytes === undefined || response.status !== 200
          ? new Uint8Array(await response.arrayBuffer())
          : await readAtMost(response, init.maxBytes, controller);
      return { status: response.status, body };
    } catch (error) {
      if (error instanceof RemoteError) throw error;
      if (controller.signal.aborted) {
        throw new RemoteError('timeout', `${method} took longer than ${this.timeoutMs} ms`, {
          seconds: Math.max(1, Math.round(this.timeoutMs / 1000)),
        });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new RemoteError('network', `${method} failed: ${detail}`, { detail });
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(method: string, status: number): never {
    if (status === 401 || status === 403)
      throw new RemoteError('auth', 'The server refused the user name or password', { status });
    if (status === 507) throw new RemoteError('full', 'The server has no space left', { status });
    if (status >= 300 && status < 400)
      throw new RemoteError('redirect', 'The server redirects the sync folder elsewhere', { status });
    throw new RemoteError('server', `${method} answered ${status}`, { status });
  }

  async list(folder: string): Promise<RemoteEntry[] | null> {
    const url = this.urlOf(folder, true);
    const { status, body } = await this.request('PROPFIND', url, {
      headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
      body: PROPFIND_BODY,
    });
    if (status === 404) return null;
    if (status !== 207) this.fail('PROPFIND', status);
    return parseListing(new TextDecoder().decode(body), new URL(url).pathname);
  }

  async get(path: string, options: { maxBytes?: number } = {}): Promise<Uint8Array<ArrayBuffer> | null> {
    const { status, body } = await this.request('GET', this.urlOf(path), options);
    if (status === 404) return null;
    if (status !== 200) this.fail('GET', status);
    // No sync file is markup (readmark.json is JSON, the rest sealed): a page answered as a file
    // is the server's or a proxy's (a login page served with 200), not a damaged file of ours.
    if (MARKUP.test(new TextDecoder().decode(body.subarray(0, 64))))
      throw new RemoteError('bad-response', `GET answered a web page for ${path}`);
    return body;
  }

  async put(path: string, bytes: Uint8Array<ArrayBuffer>, options: { onlyIfAbsent?: boolean } = {}) {
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
    if (options.onlyIfAbsent) headers['If-None-Match'] = '*';
    const parents = path.split('/').slice(0, -1);
    const folder = parents.join('/');
    // A large file (a picture) into a folder not met in this run: its folders first, a few small
    // requests, rather than its whole bytes sent to a 409 and then again.
    if (bytes.length > LARGE_PUT && folder && !this.folders.has(folder)) await this.makeFolders(parents);
    let { status } = await this.request('PUT', this.urlOf(path), { headers, body: bytes });
    // Its folder is missing (WebDAV never creates parents on PUT): make them, then try again; a
    // second time when a parallel request was making the same folder (rclone answers it 423).
    for (let attempt = 0; attempt < 2 && (status === 409 || status === 404); attempt++) {
      await this.makeFolders(path.split('/').slice(0, -1));
      ({ status } = await this.request('PUT', this.urlOf(path), { headers, body: bytes }));
    }
    if (status === 412) return 'exists' as const;
    if (status !== 200 && status !== 201 && status !== 204) this.fail('PUT', status);
    this.folders.add(folder);
    return 'written' as const;
  }

  async remove(path: string): Promise<void> {
    const { status } = await this.request('DELETE', this.urlOf(path));
    if (status !== 200 && status !== 204 && status !== 404) this.fail('DELETE', status);
  }

  private async makeFolders(segments: string[]): Promise<void> {
    for (let depth = 1; depth <= segments.length; depth++) {
      const { status } = await this.request('MKCOL', this.urlOf(segments.slice(0, depth).join('/'), true));
      // 405: it exists already. A parallel request making the same folder at the same moment gets
      // 423 from rclone and 403 ("File exists") from Apache: the PUT that follows settles whether
      // the folder is there (one that still finds none fails with its own status). Refused
      // credentials or a full disk stop here.
      if (status === 401 || status === 507) this.fail('MKCOL', status);
    }
  }
}

const MARKUP = /^\s*<(?:!doctype|html|\?xml|[a-z][\w:-]*[\s>])/i;

/** A response body, refused (and the request aborted) once it is larger than `maxBytes`. */
async function readAtMost(
  response: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => {
    controller.abort();
    return new RemoteError('too-large', `The file is larger than ${maxBytes} bytes`);
  };
  if (Number(response.headers.get('Content-Length') ?? 0) > maxBytes) throw tooLarge();
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

const TAG = (name: string) => `<(?:[A-Za-z][\\w.-]*:)?${name}\\b[^>]*>`;
const CLOSE = (name: string) => `</(?:[A-Za-z][\\w.-]*:)?${name}\\s*>`;
const RESPONSE = new RegExp(`${TAG('response')}([\\s\\S]*?)${CLOSE('response')}`, 'g');
const HREF = new RegExp(`${TAG('href')}([\\s\\S]*?)${CLOSE('href')}`);
const COLLECTION = /<(?:[A-Za-z][\w.-]*:)?collection\b/;
const ETAG = new RegExp(`${TAG('getetag')}([\\s\\S]*?)${CLOSE('getetag')}`);

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** The entries of a multistatus answer for a folder, the folder itself left out. */
export function parseListing(xml: string, folderPath: string): RemoteEntry[] {
  if (!/multistatus/i.test(xml)) throw new RemoteError('bad-response', 'The folder listing is not WebDAV');
  const own = decodeURIComponent(folderPath).replace(/\/+$/, '');
  const entries: RemoteEntry[] = [];
  for (const [, inner = ''] of xml.matchAll(RESPONSE)) {
    const href = HREF.exec(inner)?.[1]?.trim();
    if (!href) continue;
    const path = decodeURIComponent(new URL(decodeXml(href), 'http://x').pathname).replace(/\/+$/, '');
    if (path === own) continue;
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!name) continue;
    const entry: RemoteEntry = { name, isFolder: COLLECTION.test(inner) };
    // Apache answers a weak tag for about a second after a write (it cannot yet tell two writes
    // in that second apart): only strong tags are kept.
    const etag = decodeXml(ETAG.exec(inner)?.[1]?.trim() ?? '');
    if (etag && !etag.startsWith('W/')) entry.etag = etag;
    entries.push(entry);
  }
  return entries;
}

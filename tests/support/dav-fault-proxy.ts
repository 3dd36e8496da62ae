/**
 * A fault proxy of ours in front of any WebDAV server (tests/support/dav-servers.ts): it drops a
 * connection in the middle of a body, answers 500/503/507 instead of forwarding, stalls longer
 * than the engine's per-request timeout, serves an empty folder listing, refuses connections as a
 * stopped server.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { close, listen, type Running } from './dav-servers';

export type RequestTest = (method: string, path: string) => boolean;

export interface Faults {
  /** Answer this status instead of forwarding. */
  status?: (method: string, path: string) => number | undefined;
  /** Forward the request, send the answer's headers and half its body, then cut the connection. */
  dropMidBody?: RequestTest;
  /**
   * Forward the headers and half of an upload's body to the server, then cut both connections:
   * what the server keeps of it is up to the server (a truncated file, or nothing).
   */
  dropMidUpload?: RequestTest;
  /** Answer folder listings with the folder alone, as an empty or half-mounted folder would. */
  emptyListing?: boolean;
  /** Hold matching requests (all without `stallWhen`) this long before forwarding. */
  stallMs?: number;
  stallWhen?: RequestTest;
  /** Refuse connections, as a stopped server. */
  down?: boolean;
}

export interface FaultProxy extends Running {
  faults: Faults;
  /** Every request seen, as "METHOD path". */
  log: string[];
  /** Forget every fault and the log (between tests). */
  reset(): void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(
  backend: URL,
  method: string,
  path: string,
  headers: IncomingMessage['headers'],
  body: Buffer,
) {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
    (resolve, reject) => {
      const out = request(
        {
          host: backend.hostname,
          port: backend.port,
          method,
          path,
          headers: { ...headers, host: backend.host },
        },
        (res) => {
          readBody(res).then(
            (b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }),
            reject,
          );
        },
      );
      out.on('error', reject);
      out.end(body);
    },
  );
}

const EMPTY_LISTING = (path: string) =>
  `<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>${path}</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;

/** A proxy in front of a WebDAV server that misbehaves on demand. */
export async function startFaultProxy(backendUrl: string): Promise<FaultProxy> {
  const backend = new URL(backendUrl);
  const faults: Faults = {};
  const log: string[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    if (faults.down) {
      req.socket.destroy();
      return;
    }
    log.push(`${method} ${decodeURIComponent(path)}`);
    const body = await readBody(req);
    if (faults.stallMs && (faults.stallWhen?.(method, path) ?? true)) {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, faults.stallMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      // The client gave up (its timeout fired): a request it abandoned never reaches the server.
      if (res.destroyed || req.socket.destroyed) return;
    }
    const status = faults.status?.(method, path);
    if (status) {
      res.writeHead(status).end();
      return;
    }
    if (faults.emptyListing && method === 'PROPFIND') {
      res.writeHead(207, { 'Content-Type': 'application/xml' }).end(EMPTY_LISTING(path));
      return;
    }
    if (faults.dropMidUpload?.(method, path) && body.length > 1) {
      const out = request({
        host: backend.hostname,
        port: backend.port,
        method,
        path,
        headers: { ...req.headers, host: backend.host },
      });
      out.on('error', () => undefined);
      out.write(body.subarray(0, body.length >> 1), () => {
        // Give the server a moment to take the half it got, then cut both sides.
        setTimeout(() => {
          out.destroy();
          req.socket.destroy();
        }, 50);
      });
      return;
    }
    try {
      const answer = await forward(backend, method, path, req.headers, body);
      if (faults.dropMidBody?.(method, path) && answer.body.length > 1) {
        res.writeHead(answer.status, { 'Content-Length': String(answer.body.length) });
        res.write(answer.body.subarray(0, answer.body.length >> 1), () => res.socket?.destroy());
        return;
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers).end(answer.body);
    } catch {
      res.socket?.destroy();
    }
  });
  const url = await listen(server);
  const reset = () => {
    for (const key of Object.keys(faults)) delete faults[key as keyof Faults];
    log.length = 0;
  };
  return { url, faults, log, reset, stop: () => close(server) };
}

/**
 * WebDAV servers for the sync tests, all on 127.0.0.1: npm webdav-server in process, Debian's
 * `rclone serve webdav` when installed, and a fault proxy in front of either.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v2 as webdav } from 'webdav-server';

export const USER = 'reader';
export const PASSWORD = 'app-password';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    );
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** npm webdav-server, in memory, Basic auth (it ignores If-Match and If-None-Match). */
export async function startWebDavServer(): Promise<Running> {
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(USER, PASSWORD, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const dav = new webdav.WebDAVServer({
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'readmark-test'),
    privilegeManager: privileges,
  });
  const server = createServer((req, res) => dav.executeRequest(req, res));
  const url = await listen(server);
  return { url, stop: () => close(server) };
}

export const hasRclone = () => spawnSync('rclone', ['version'], { stdio: 'ignore' }).status === 0;

/** `rclone serve webdav` over a fresh temporary folder (it ignores conditional requests too). */
export async function startRclone(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'readmark-rclone-'));
  const probe = createServer();
  const port = Number(new URL(await listen(probe)).port);
  await close(probe);
  const child: ChildProcess = spawn(
    'rclone',
    ['serve', 'webdav', dir, '--addr', `127.0.0.1:${port}`, '--user', USER, '--pass', PASSWORD],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url, { method: 'OPTIONS' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Faults {
  /** Answer this status instead of forwarding. */
  status?: (method: string, path: string) => number | undefined;
  /** Send the headers and half the body, then cut the connection. */
  dropMidBody?: (method: string, path: string) => boolean;
  /** Answer folder listings with the folder alone, as an empty mount would. */
  emptyListing?: boolean;
  /** Hold the answer this long before forwarding. */
  stallMs?: number;
  /** Refuse connections, as a stopped server. */
  down?: boolean;
  /** Honour If-None-Match: * on PUT (412 when the file exists), as Apache mod_dav does. */
  honourConditional?: boolean;
}

export interface FaultProxy extends Running {
  faults: Faults;
  /** Every request seen, as "METHOD path". */
  log: string[];
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
    if (faults.stallMs) await new Promise((r) => setTimeout(r, faults.stallMs));
    const status = faults.status?.(method, path);
    if (status) {
      res.writeHead(status).end();
      return;
    }
    if (faults.emptyListing && method === 'PROPFIND') {
      res.writeHead(207, { 'Content-Type': 'application/xml' }).end(EMPTY_LISTING(path));
      return;
    }
    try {
      if (faults.honourConditional && method === 'PUT' && req.headers['if-none-match'] === '*') {
        const existing = await forward(
          backend,
          'GET',
          path,
          { authorization: req.headers.authorization },
          Buffer.alloc(0),
        );
        if (existing.status === 200) {
          res.writeHead(412).end();
          return;
        }
      }
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
  return { url, faults, log, stop: () => close(server) };
}

/** Create the sync folder, as the reader does on their server before pointing Readmark at it. */
export async function makeFolder(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'MKCOL',
    headers: { Authorization: `Basic ${btoa(`${USER}:${PASSWORD}`)}` },
  });
  if (response.status !== 201 && response.status !== 405) throw new Error(`MKCOL ${url}: ${response.status}`);
}

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
};

export interface FixtureServer {
  origin: string;
  /** Serve this body at this path (pages built at test time, e.g. from ../shared/seed). */
  route(path: string, body: string | Uint8Array, type?: string): void;
  /** Every request path the server saw, to check that nothing unexpected was fetched. */
  requests: string[];
  close(): Promise<void>;
}

/** A static server for tests/fixtures on 127.0.0.1 only (never another address). */
export async function startFixtureServer(
  root = resolve(process.cwd(), 'tests/fixtures'),
): Promise<FixtureServer> {
  const routes = new Map<string, { body: string | Uint8Array; type: string }>();
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const routed = routes.get(path);
    if (routed) {
      res.writeHead(200, { 'content-type': routed.type });
      res.end(routed.body);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    route: (path, body, type = 'text/html; charset=utf-8') => routes.set(path, { body, type }),
    requests,
    // close() alone waits for every open connection to end, and the browser may hold a keep-alive
    // one for as long as it likes (a test that stops the server mid-run hung until its timeout).
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

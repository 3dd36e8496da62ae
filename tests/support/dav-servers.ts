/**
 * WebDAV servers for the sync tests and bench, all on 127.0.0.1: npm webdav-server in process,
 * Debian's `rclone serve webdav` and Apache mod_dav when installed (each started by the test on a
 * free high port over a fresh temporary folder, stopped and removed after). The fault proxy that
 * goes in front of any of them is in dav-fault-proxy.ts.
 *
 * What they do with conditional requests (probed by tests/unit/sync/dav-servers.test.ts): npm
 * webdav-server and rclone ignore If-None-Match/If-Match on PUT and overwrite; Apache honours them
 * (412). The engine needs neither.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v2 as webdav } from 'webdav-server';
import { WebDavTarget } from '@/utils/sync';

export const USER = 'reader';
export const PASSWORD = 'app-password';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    );
  });
}

export function close(server: Server): Promise<void> {
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

/**
 * A fresh folder for a server's files: in memory (/dev/shm) when it has room, as thousands of small
 * files written and removed on a busy shared disk cost seconds (15 s only to remove one test
 * file's folders); the system's temporary folder otherwise.
 */
function serverFolder(prefix: string): string {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize > 512e6) return mkdtempSync(join('/dev/shm', prefix));
  } catch {
    // no /dev/shm here
  }
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A free port on 127.0.0.1 (asked of the system, then released for the server to take). */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = Number(new URL(await listen(probe)).port);
  await close(probe);
  return port;
}

/** Wait until a server answers at `url` (any status), or give up after about 10 s. */
async function answering(url: string, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before answering`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${name} did not answer at ${url}`);
}

function stopChild(child: ChildProcess, dir: string) {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A server waiting on idle keep-alive connections to drain is stopped outright after 2 s.
      const late = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(late);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** `rclone serve webdav` over a fresh temporary folder (it ignores conditional requests too). */
export async function startRclone(): Promise<Running> {
  const dir = serverFolder('readmark-rclone-');
  const port = await freePort();
  const child: ChildProcess = spawn(
    'rclone',
    ['serve', 'webdav', dir, '--addr', `127.0.0.1:${port}`, '--user', USER, '--pass', PASSWORD],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  await answering(url, child, 'rclone');
  return { url, stop: stopChild(child, dir) };
}

const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';

export const hasApache = () => spawnSync(APACHE, ['-v'], { stdio: 'ignore' }).status === 0;

/** The uid and gid of www-data, which Apache switches to when started as root (as in CI). */
function wwwData(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('www-data:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return line ? { uid: Number(uid), gid: Number(gid) } : null;
}

/**
 * Apache 2.4 mod_dav + dav_fs with Basic authentication, from a config of its own written here:
 * loopback, a free high port, DocumentRoot, DavLockDB, htpasswd, pid and logs all in a fresh
 * temporary folder. Run in the foreground as a child process: the system service is never used.
 * It honours If-None-Match and If-Match on PUT (412).
 */
export async function startApache(): Promise<Running> {
  const dir = serverFolder('readmark-apache-');
  const root = join(dir, 'dav');
  mkdirSync(root);
  const port = await freePort();
  // htpasswd is in apache2-utils, which apache2 depends on. The default (MD5) hash: with bcrypt
  // (-B) every request cost about 6 times as much here, checking the password again.
  execFileSync('htpasswd', ['-cb', join(dir, 'htpasswd'), USER, PASSWORD], { stdio: 'ignore' });
  const user = wwwData();
  const modules = [
    'mpm_event',
    'authz_core',
    'authz_user',
    'authn_core',
    'authn_file',
    'auth_basic',
    'dav',
    'dav_fs',
  ];
  const conf = [
    `ServerRoot ${dir}`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile ${join(dir, 'httpd.pid')}`,
    `ErrorLog ${join(dir, 'error.log')}`,
    'LogLevel warn',
    ...modules.map((name) => `LoadModule ${name}_module ${APACHE_MODULES}/mod_${name}.so`),
    ...(user ? ['User www-data', 'Group www-data'] : []),
    `DocumentRoot ${root}`,
    `DavLockDB ${join(dir, 'davlock')}`,
    `<Directory ${root}>`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName readmark-test',
    `  AuthUserFile ${join(dir, 'htpasswd')}`,
    '  Require valid-user',
    '</Directory>',
  ].join('\n');
  const confPath = join(dir, 'httpd.conf');
  writeFileSync(confPath, `${conf}\n`);
  // As root, Apache's workers run as www-data: they must be able to write the folder and lock db.
  if (user) for (const path of [dir, root]) chownSync(path, user.uid, user.gid);
  const child = spawn(APACHE, ['-f', confPath, '-DFOREGROUND'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  await answering(url, child, 'apache2');
  return { url, stop: stopChild(child, dir) };
}

/** Create the sync folder, as the reader does on their server before pointing Readmark at it. */
export async function makeFolder(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'MKCOL',
    headers: { Authorization: `Basic ${btoa(`${USER}:${PASSWORD}`)}` },
  });
  if (response.status !== 201 && response.status !== 405) throw new Error(`MKCOL ${url}: ${response.status}`);
}

/**
 * A benches' baseline: the mean time of one PUT or GET of a 12 kB file (a median body) in
 * `folder`, over 20 of each (the files are removed after).
 */
export async function requestFloorMs(folder: string): Promise<number> {
  const floor = new WebDavTarget({ url: folder, user: USER, password: PASSWORD });
  const sample = new Uint8Array(12_000);
  const t = performance.now();
  for (let i = 0; i < 20; i++) await floor.put(`floor-${i}.bin`, sample);
  for (let i = 0; i < 20; i++) await floor.get(`floor-${i}.bin`);
  const ms = (performance.now() - t) / 40;
  for (let i = 0; i < 20; i++) await floor.remove(`floor-${i}.bin`);
  return ms;
}

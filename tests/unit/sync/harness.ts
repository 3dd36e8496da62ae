/** Devices that sync through a real WebDAV server over HTTP (tests' view of the engine). */
import { afterAll, beforeAll } from 'vitest';
import {
  type FileKeys,
  MIN_PBKDF2_ITERATIONS,
  type SyncOptions,
  type SyncResult,
  syncOnce,
  WebDavTarget,
} from '@/utils/sync';
import { makeFolder, PASSWORD, type Running, startWebDavServer, USER } from '../../support/dav-servers';
import { MemoryBodies, MemoryPictures, MemoryStore } from './support';

/** Opened keys, shared by the devices of a test file (as a worker keeps them while it lives). */
const keyCache = new Map<string, FileKeys>();

/**
 * PBKDF2 cost of the folders tests create. Production's 600,000 costs about half a second per
 * derivation here; crypto.test.ts asserts that production value once.
 */
export const TEST_KDF_ITERATIONS = 2_000;

export const PASSPHRASE = 'a long passphrase for tests';

/**
 * For a test file that syncs through the sync service, which creates folders at production's
 * PBKDF2 cost as the extension does (about half a second per derivation here, 48 derivations in
 * four files): while its tests run, a derivation asked for at production's 600,000 iterations
 * runs at TEST_KDF_ITERATIONS. The folders still declare 600,000 and every device of the file
 * derives alike, so the right passphrase opens a folder and a wrong one fails as before;
 * crypto.test.ts checks production's cost with the real derivation.
 */
export function cheapPassphraseKeys(): void {
  const subtle = crypto.subtle;
  const real = subtle.deriveKey;
  beforeAll(() => {
    subtle.deriveKey = ((algorithm, ...rest) => {
      const asked = algorithm as Pbkdf2Params;
      const cheap =
        asked.name === 'PBKDF2' && asked.iterations >= MIN_PBKDF2_ITERATIONS
          ? { ...asked, iterations: TEST_KDF_ITERATIONS }
          : algorithm;
      return real.call(subtle, cheap, ...rest);
    }) as typeof subtle.deriveKey;
  });
  afterAll(() => {
    subtle.deriveKey = real;
  });
}

export class Device {
  readonly store: MemoryStore;
  readonly bodies = new MemoryBodies();
  readonly pictures = new MemoryPictures();
  target: WebDavTarget;
  passphrase: string | null;

  constructor(id: string, url: string, passphrase: string | null = PASSPHRASE, timeoutMs = 5_000) {
    this.store = new MemoryStore(id);
    this.passphrase = passphrase;
    this.target = new WebDavTarget({ url, user: USER, password: PASSWORD, timeoutMs });
  }

  sync(options: Partial<SyncOptions> = {}): Promise<SyncResult> {
    return syncOnce({
      target: this.target,
      store: this.store,
      bodies: this.bodies,
      pictures: this.pictures,
      passphrase: this.passphrase,
      now: this.store.now,
      keyCache,
      kdfIterations: TEST_KDF_ITERATIONS,
      // Production pauses 2 s after creating a folder so that a device creating it at the same
      // moment is seen; only the test of that race needs it (scenarios.ts passes its own pause).
      settleMs: 0,
      ...options,
    });
  }

  /** Save an article with a body, as the extension does (record + body stored locally). */
  async save(id: string, url: string, body = `<p>Body of ${url}</p>`) {
    const bodyHash = await this.bodies.add(body);
    return this.store.saveArticle(id, url, `Title ${id}`, { bodyHash });
  }

  /** Save an article showing these pictures (stored here), as the extension records it. */
  async savePictured(id: string, url: string, pictures: Record<string, string>) {
    const images: [string, string][] = [];
    for (const [pictureUrl, content] of Object.entries(pictures).sort())
      images.push([pictureUrl, await this.pictures.add(content)]);
    const bodyHash = await this.bodies.add(`<p>Body of ${url}</p>`);
    return this.store.saveArticle(id, url, `Title ${id}`, { bodyHash, images });
  }
}

export function expectDone(result: SyncResult): asserts result is SyncResult & { status: 'done' } {
  if (result.status !== 'done') throw new Error(`sync did not finish: ${JSON.stringify(result)}`);
}

/**
 * For a test file: the in-process WebDAV server (started before its tests, stopped after) and a
 * new empty folder on it at each call.
 */
export function inProcessFolders(prefix: string): () => Promise<string> {
  let server: Running;
  let count = 0;
  beforeAll(async () => {
    server = await startWebDavServer();
  });
  afterAll(() => server.stop());
  return async () => {
    const url = `${server.url}${prefix}${++count}/`;
    await makeFolder(url);
    return url;
  };
}

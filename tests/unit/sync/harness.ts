/** Devices that sync through a real WebDAV server over HTTP (tests' view of the engine). */
import { type FileKeys, type SyncOptions, type SyncResult, syncOnce, WebDavTarget } from '@/utils/sync';
import { PASSWORD, USER } from './servers';
import { MemoryBodies, MemoryStore } from './support';

/** PBKDF2 at 600,000 iterations costs about half a second here: open each folder's key once per file. */
const keyCache = new Map<string, FileKeys>();

export const PASSPHRASE = 'a long passphrase for tests';

export class Device {
  readonly store: MemoryStore;
  readonly bodies = new MemoryBodies();
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
      passphrase: this.passphrase,
      now: this.store.now,
      keyCache,
      settleMs: 300,
      ...options,
    });
  }

  /** Save an article with a body, as the extension does (record + body stored locally). */
  async save(id: string, url: string, body = `<p>Body of ${url}</p>`) {
    const bodyHash = await this.bodies.add(body);
    return this.store.saveArticle(id, url, `Title ${id}`, { bodyHash });
  }
}

export function expectDone(result: SyncResult): asserts result is SyncResult & { status: 'done' } {
  if (result.status !== 'done') throw new Error(`sync did not finish: ${JSON.stringify(result)}`);
}

// @vitest-environment node
// A passphrase change killed at every step (before each write, local or remote, and in the middle
// of the upload of readmark.json): afterwards the folder opens with the old passphrase or the new
// one, never neither; the device that changed it syncs on with its kept keys; the other device
// asks for the new passphrase and then syncs; no article is lost. Against npm webdav-server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  changePassphrase,
  type RemoteTarget,
  type SyncCommit,
  type SyncResult,
  TARGET_FILE,
} from '@/utils/sync';
import { makeFolder, type Running, startWebDavServer } from '../../support/dav-servers';
import { Device, expectDone, PASSPHRASE } from './harness';

const NEW = 'the new passphrase';

class Killed extends Error {}

/** Counts the steps that change something (remote writes, local commits); dies at step `at`. */
class Reaper {
  steps = 0;
  constructor(readonly at: number) {}
  step(): void {
    if (this.steps++ === this.at) throw new Killed(`killed at step ${this.at}`);
  }
}

function mortalTarget(target: RemoteTarget, reaper: Reaper, cutMainUpload: boolean): RemoteTarget {
  return {
    list: (folder) => target.list(folder),
    get: (path) => target.get(path),
    async put(path, bytes, options) {
      if (cutMainUpload && path === TARGET_FILE && reaper.steps === reaper.at) {
        // The worker dies in the middle of the upload: the server keeps half a file.
        await target.put(path, bytes.slice(0, bytes.length >> 1));
        reaper.step();
      }
      reaper.step();
      return target.put(path, bytes, options);
    },
    async remove(path) {
      reaper.step();
      return target.remove(path);
    },
  };
}

let server: Running;
let folders = 0;
beforeAll(async () => {
  server = await startWebDavServer();
});
afterAll(() => server.stop());

async function pair() {
  const url = `${server.url}change${++folders}/`;
  await makeFolder(url);
  const a = new Device('devA', url);
  const b = new Device('devB', url);
  await a.save('art1', 'https://example.org/one');
  expectDone(await a.sync({ createIfEmpty: true }));
  expectDone(await b.sync());
  // As the extension: joined devices keep the keys, not the passphrase.
  a.passphrase = null;
  b.passphrase = null;
  return { url, a, b };
}

/** Which passphrases open the folder now, as a device joining it sees it. */
async function opensWith(url: string): Promise<string[]> {
  const opens: string[] = [];
  for (const passphrase of [PASSPHRASE, NEW]) {
    const probe = new Device(
      `probe${opens.length}${Math.random().toString(36).slice(2, 8)}`,
      url,
      passphrase,
    );
    const result: SyncResult = await probe.sync();
    if (result.status === 'done') opens.push(passphrase);
    else expect(result).toMatchObject({ status: 'failed', reason: 'wrong-passphrase' });
  }
  return opens;
}

// Steps of a change: commit pending, PUT next, PUT readmark.json, commit new, DELETE next.
const STEPS = 5;

describe('a passphrase change killed at any step', () => {
  for (let at = 0; at <= STEPS; at++) {
    for (const cut of at === 2 ? [false, true] : [false]) {
      test(`killed before step ${at}${cut ? ' (in the middle of the upload)' : ''}: old or new, never a mix`, async () => {
        const { url, a, b } = await pair();
        const reaper = new Reaper(at);
        const store = a.store;
        const mortalStore = {
          load: () => store.load(),
          loadLight: () => store.loadLight(),
          commit: (change: SyncCommit) => {
            reaper.step();
            return store.commit(change);
          },
        };
        const outcome = await changePassphrase({
          target: mortalTarget(a.target, reaper, cut),
          store: mortalStore,
          oldPassphrase: PASSPHRASE,
          newPassphrase: NEW,
        }).catch((error: unknown) => (error instanceof Killed ? 'killed' : Promise.reject(error)));
        expect(outcome).toEqual(at === STEPS ? { status: 'done' } : 'killed');

        // Exactly one passphrase opens the folder.
        const opens = await opensWith(url);
        expect(opens).toHaveLength(1);
        // The device that changed it goes on with its kept keys, whichever state the folder is in.
        await a.save('art2', 'https://example.org/two');
        expectDone(await a.sync());
        // The other device: on the old wrapping it just syncs; on the new one it asks first.
        const result = await b.sync();
        if (opens[0] === NEW) {
          expect(result).toMatchObject({ status: 'failed', reason: 'passphrase-changed' });
          b.passphrase = NEW;
          expectDone(await b.sync());
        } else expectDone(result);
        expect([...b.store.library().articles.keys()].sort()).toEqual(['art1', 'art2']);
        // And a change started again from the state left behind completes.
        const again = await changePassphrase({
          target: a.target,
          store: a.store,
          oldPassphrase: opens[0] as string,
          newPassphrase: 'third',
        });
        expect(again).toEqual({ status: 'done' });
        b.passphrase = null;
        expect(await b.sync()).toMatchObject({ status: 'failed', reason: 'passphrase-changed' });
        expectDone(await a.sync());
      });
    }
  }

  test('a change made elsewhere since is refused until this device has the new passphrase', async () => {
    const { a, b } = await pair();
    const change = (device: Device, oldPassphrase: string, newPassphrase: string) =>
      changePassphrase({ target: device.target, store: device.store, oldPassphrase, newPassphrase });
    expect(await change(a, PASSPHRASE, NEW)).toEqual({ status: 'done' });
    expect(await change(b, NEW, 'other')).toMatchObject({ status: 'failed', reason: 'passphrase-changed' });
    b.passphrase = NEW;
    expectDone(await b.sync());
    expect(await change(b, NEW, 'other')).toEqual({ status: 'done' });
  });

  test('changed on two devices at the same moment: one passphrase wins, the other device asks for it, nothing is lost', async () => {
    const { url, a, b } = await pair();
    // Both have read the folder before either writes readmark.json: the two writes meet.
    let arrived = 0;
    let release: () => void = () => undefined;
    const together = new Promise<void>((resolve) => {
      release = resolve;
    });
    const meeting = (device: Device): RemoteTarget => ({
      list: (folder) => device.target.list(folder),
      get: (path) => device.target.get(path),
      remove: (path) => device.target.remove(path),
      async put(path, bytes, options) {
        if (path === TARGET_FILE) {
          if (++arrived === 2) release();
          await together;
        }
        return device.target.put(path, bytes, options);
      },
    });
    const outcomes = await Promise.all(
      [
        changePassphrase({
          target: meeting(a),
          store: a.store,
          oldPassphrase: PASSPHRASE,
          newPassphrase: NEW,
        }),
        changePassphrase({
          target: meeting(b),
          store: b.store,
          oldPassphrase: PASSPHRASE,
          newPassphrase: 'other',
        }),
      ].map((change) => change.finally(release)), // one refused before writing: the other goes on
    );
    // One at least is done (both, when each read its own file back before the other wrote: the
    // later one then wins); one refused is told the passphrase was changed on another device (not
    // that the old one still opens the folder: it no longer does).
    expect(outcomes.some((outcome) => outcome.status === 'done')).toBe(true);
    for (const outcome of outcomes)
      if (outcome.status !== 'done') expect(outcome).toMatchObject({ reason: 'passphrase-changed' });
    // Exactly one of the two opens the folder now (the old one no longer does).
    const opens: string[] = [];
    for (const passphrase of [PASSPHRASE, NEW, 'other']) {
      const probe = new Device(`probe${Math.random().toString(36).slice(2, 8)}`, url, passphrase);
      if ((await probe.sync()).status === 'done') opens.push(passphrase);
    }
    expect(opens).toHaveLength(1);
    expect([NEW, 'other']).toContain(opens[0]);
    // Each device syncs on, the loser once given the winning passphrase; the library is whole.
    for (const device of [a, b]) {
      const first = await device.sync();
      if (first.status !== 'done') {
        expect(first).toMatchObject({ status: 'failed', reason: 'passphrase-changed' });
        device.passphrase = opens[0]!;
        expectDone(await device.sync());
      }
      expect([...device.store.library().articles.keys()]).toEqual(['art1']);
    }
  });
});

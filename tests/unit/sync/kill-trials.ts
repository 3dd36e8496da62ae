/**
 * Workers killed during a first sync of ARTICLES articles (docs/sync.md C.4, engine level), against
 * the server of the calling test file. A kill abandons the engine at a chosen step (a request, a
 * local commit or a body write; before or after the step takes effect): from then on nothing the
 * abandoned run starts ever returns, as when MV3 stops the worker. A fresh engine on the same
 * store then finishes. After each trial the receiving library equals the sender's, every body is
 * there and matches its hash, no operation went up twice and no pack lies beyond its head.
 *
 * Where the kills fall: a run is a fixed sequence of steps (the sender: read the folder's files,
 * then per pack its bodies, the pack, its device file and two commits; the receiver: read the
 * packs, commit, its device file, then the bodies and their write), so what a kill can leave
 * behind is decided by the two kinds of step it falls between. The trials kill once between every
 * pair of kinds that meet in an unkilled run (at their first meeting; a kill after the last step
 * too), sender and receiver in the same trial, half of them before a step and half after the one
 * before it: 12 trials cover every such place on both sides, where 20 random ones used to miss
 * some. `SYNC_KILL_TRIALS=n` above that adds trials at random steps (the study's 20 × 1,000:
 * `SYNC_KILL_TRIALS=20 SYNC_KILL_ARTICLES=1000`).
 */
import { performance } from 'node:perf_hooks';
import { expect, test } from 'vitest';
import {
  type BodyStore,
  openKeys,
  packPath,
  parseTargetFile,
  type RemoteTarget,
  type SyncOptions,
  type SyncStore,
  TARGET_FILE,
  unseal,
  WebDavTarget,
} from '@/utils/sync';
import { PASSWORD, USER } from '../../support/dav-servers';
import { type Device, expectDone, PASSPHRASE } from './harness';
import { libraryView, listAll } from './support';

type Pair = () => Promise<{ url: string; a: Device; b: Device }>;

// The study's size is 1,000 articles (docs/sync.md C.4: `SYNC_KILL_ARTICLES=1000`, as for
// `npm run bench:sync-kill`); the suite runs 100, a tenth of the time. What a kill can hit is the
// same at both sizes: packs are cut at a tenth of the bytes, so a run still sends several packs (5
// at 100 articles, 6 at 1,000), bodies and a head, and each trial kills at a step drawn from all of
// them (34 + 31 steps for sender + receiver at 100 articles, 128 + 212 at 1,000).
const TRIALS = Number(process.env.SYNC_KILL_TRIALS ?? 0);
const ARTICLES = Number(process.env.SYNC_KILL_ARTICLES ?? 100);
/** Several packs and every body in one run, so that kills fall in every phase. */
const RUN: Partial<SyncOptions> = { packBytes: 50 * ARTICLES, bodiesPerRun: ARTICLES };

const never = <T>() => new Promise<T>(() => undefined);

/** A step's kind: the request and what its path is (not which pack or body), or the store's call. */
function kindOf(request: string, path: string): string {
  const what = path.startsWith('log/')
    ? 'pack'
    : path.startsWith('blob/')
      ? 'body'
      : path.startsWith('devices/')
        ? 'device file'
        : path;
  return `${request} ${what}`;
}

type Kill = { killAt: number; when: 'before' | 'after' };

/**
 * One kill between every two kinds of step that meet in `kinds` (an unkilled run's steps), at
 * their first meeting, and one after the last step. `after` picks, where it can, a kill just after
 * the earlier step rather than just before the later one: the same place, reached the other way.
 */
function killPlaces(kinds: readonly string[], after: (index: number) => boolean): Kill[] {
  const seen = new Set<string>();
  const kills: Kill[] = [];
  for (let done = 0; done <= kinds.length; done++) {
    const meeting = `${kinds[done - 1] ?? 'start'} > ${kinds[done] ?? 'end'}`;
    if (seen.has(meeting)) continue;
    seen.add(meeting);
    const late = done === kinds.length || (done > 0 && after(kills.length));
    kills.push(late ? { killAt: done, when: 'after' } : { killAt: done + 1, when: 'before' });
  }
  return kills;
}

/** The engine's view of one device for one run, dying at the step `at` names. */
class Worker {
  steps = 0;
  /** What each step was (kindOf), in order. */
  readonly kinds: string[] = [];
  bytesUp = 0;
  dead = false;
  private died: () => void = () => undefined;
  readonly death = new Promise<'killed'>((resolve) => {
    this.died = () => resolve('killed');
  });

  constructor(
    private readonly device: Device,
    private readonly at: Kill = { killAt: Number.POSITIVE_INFINITY, when: 'before' },
  ) {}

  private die<T>(): Promise<T> {
    this.dead = true;
    this.died();
    return never();
  }

  /** A step with an effect: counted, and the place a kill may fall. */
  private async effect<T>(kind: string, call: () => Promise<T>): Promise<T> {
    if (this.dead) return never();
    const n = ++this.steps;
    this.kinds.push(kind);
    if (n === this.at.killAt && this.at.when === 'before') return this.die();
    const result = await call();
    if (n === this.at.killAt) return this.die();
    return this.dead ? never() : result;
  }

  /** A read with no effect: not counted, but it never returns once the worker is dead. */
  private async read<T>(call: () => Promise<T>): Promise<T> {
    if (this.dead) return never();
    const result = await call();
    return this.dead ? never() : result;
  }

  options(): Partial<SyncOptions> {
    const { target, store, bodies } = this.device;
    const remote: RemoteTarget = {
      list: (folder) => this.effect(kindOf('list', folder), () => target.list(folder)),
      get: (path) => this.effect(kindOf('get', path), () => target.get(path)),
      put: (path, bytes, options) =>
        this.effect(kindOf('put', path), () => {
          this.bytesUp += bytes.length;
          return target.put(path, bytes, options);
        }),
      remove: (path) => this.effect(kindOf('remove', path), () => target.remove(path)),
    };
    // A store object of its own: the abandoned run's queue entry never blocks the fresh engine's.
    const local: SyncStore = {
      load: () => this.read(() => store.load()),
      loadLight: () => this.read(() => store.loadLight()),
      commit: (change) => this.effect('commit', () => store.commit(change)),
    };
    const bodyStore: BodyStore = {
      read: (hash) => this.read(() => bodies.read(hash)),
      missing: (hashes) => this.read(() => bodies.missing(hashes)),
      write: (received) => this.effect('write bodies', () => bodies.write(received)),
    };
    return { ...RUN, target: remote, store: local, bodies: bodyStore };
  }

  /** Run until done or killed. */
  async run(): Promise<'killed' | 'done'> {
    const result = await Promise.race([this.device.sync(this.options()), this.death]);
    if (result === 'killed') return result;
    expectDone(result);
    return 'done';
  }
}

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;

/** Fill A with the trial's library: ARTICLES articles, a body on every tenth, a highlight on every fifth. */
async function fill(a: Device, trial: number) {
  for (let i = 0; i < ARTICLES; i++) {
    const url = `https://example.org/${trial}/${i}`;
    if (i % 10 === 0) await a.save(`art${i}`, url, `<p>Body of article ${i} in trial ${trial}.</p>`);
    else a.store.saveArticle(`art${i}`, url);
    if (i % 5 === 0) a.store.addHighlight(`h${i}`, `art${i}`, `quote ${i}`, `note ${i}`);
  }
}

/** Every operation stamp in A's packs on the server, in pack order. */
async function uploadedStamps(url: string, a: Device): Promise<string[]> {
  const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
  const file = parseTargetFile(
    JSON.parse(new TextDecoder().decode((await target.get(TARGET_FILE)) ?? undefined)),
  );
  if (!file.encryption) throw new Error('the trials use an encrypted folder');
  const keys = await openKeys(file.encryption, PASSPHRASE);
  const stamps: string[] = [];
  for (let seq = 1; seq <= a.store.book.head; seq++) {
    const path = packPath('devA', seq);
    const sealed = (await target.get(path)) as Uint8Array<ArrayBuffer>;
    const pack = JSON.parse(new TextDecoder().decode(await unseal(keys, path, sealed)));
    stamps.push(...pack.ops.map((op: { hlc: string }) => op.hlc));
  }
  return stamps;
}

export function killTrials(pair: Pair) {
  test(`workers killed during a ${ARTICLES.toLocaleString('en')}-article sync between every two kinds of step resume with nothing lost or sent twice`, async () => {
    const random = seeded(20_261_206);
    // A run killed by nobody, to know each side's steps and how many bytes go up.
    const { a: a0, b: b0 } = await pair();
    await fill(a0, 0);
    const sender = new Worker(a0);
    const receiver = new Worker(b0);
    expect([await sender.run(), await receiver.run()]).toEqual(['done', 'done']);
    const alternate = (index: number) => index % 2 === 1;
    const senderPlaces = killPlaces(sender.kinds, alternate);
    const receiverPlaces = killPlaces(receiver.kinds, alternate);
    const placed = Math.max(senderPlaces.length, receiverPlaces.length);
    const trials = Math.max(placed, TRIALS);
    const randomKill = (steps: number, trial: number): Kill => ({
      killAt: 1 + Math.floor(random() * steps),
      when: trial % 2 === 0 ? 'after' : 'before',
    });
    const outcomes: string[] = [];
    const resumeMs: number[] = [];
    const extraBytes: number[] = [];
    for (let trial = 1; trial <= trials; trial++) {
      const { a, b, url } = await pair();
      await fill(a, trial);
      const reference = libraryView(a.store.library());
      const killedA = new Worker(
        a,
        trial <= placed ? senderPlaces[(trial - 1) % senderPlaces.length] : randomKill(sender.steps, trial),
      );
      const killedB = new Worker(
        b,
        trial <= placed
          ? receiverPlaces[(trial - 1) % receiverPlaces.length]
          : randomKill(receiver.steps, trial),
      );
      const upload = await killedA.run();
      const resumedA = new Worker(a);
      let started = performance.now();
      expect(await resumedA.run()).toBe('done');
      resumeMs.push(performance.now() - started);
      extraBytes.push(killedA.bytesUp + resumedA.bytesUp - sender.bytesUp);
      const download = await killedB.run();
      started = performance.now();
      expect(await new Worker(b).run()).toBe('done');
      resumeMs.push(performance.now() - started);
      outcomes.push(`${upload}/${download}`);

      expect(libraryView(b.store.library()), `trial ${trial}`).toEqual(reference);
      for (const article of b.store.library().articles.values()) {
        const hash = article.fields.bodyHash as string | undefined;
        if (hash) expect(b.bodies.files.get(hash), `body of ${article.id}`).toEqual(a.bodies.files.get(hash));
      }
      expect(a.store.outbox).toEqual([]);
      // Every pack on the server is referenced by the head (no orphan), B read up to it, and no
      // operation went up twice under two pack numbers.
      const packs = await listAll(new WebDavTarget({ url, user: USER, password: PASSWORD }), 'log/devA');
      expect(packs).toHaveLength(a.store.book.head);
      expect(b.store.book.cursors.devA).toBe(a.store.book.head);
      const stamps = await uploadedStamps(url, a);
      expect(new Set(stamps).size).toBe(stamps.length);
    }
    const killed = outcomes
      .join(' ')
      .split(/[ /]/)
      .filter((o) => o === 'killed').length;
    console.log(
      `kill trials (${ARTICLES} articles, ${a0.store.book.head} packs, ${sender.steps} + ${receiver.steps} steps, ` +
        `${senderPlaces.length} + ${receiverPlaces.length} places between kinds of step): ` +
        `${trials} passed, ${killed} of ${2 * trials} runs killed; median resume ${Math.round(median(resumeMs))} ms; ` +
        `extra bytes sent by the sender after a kill: median ${median(extraBytes)} (of ${sender.bytesUp})`,
    );
    // Each side has several kinds of step (reads, packs, bodies, device files, commits), and every
    // placed kill landed inside its run.
    expect(Math.min(senderPlaces.length, receiverPlaces.length)).toBeGreaterThan(5);
    expect(outcomes.slice(0, placed)).toEqual(Array(placed).fill('killed/killed'));
  }, 600_000);
}

// @vitest-environment node
// The sync run log (sync-run-log.ts): each run of the service, as the extension wires it
// (fake-indexeddb, in-process WebDAV server), leaves what started it, when it asked for the run
// lock, got it and ended, and its phases in order; the log keeps the last RUN_LOG_SIZE runs.
import { describe, expect, test } from 'vitest';
import {
  loadRunLog,
  logRun,
  RUN_LOG_SIZE,
  type RunLogEntry,
  RunTimer,
  runSync,
  saveSyncConfig,
  syncHandlers,
} from '@/utils/services';
import {
  configFor,
  library,
  newFolder,
  PASSPHRASE,
  save,
  settle,
  setUp,
  useSyncServer,
} from './service-devices';

const server = useSyncServer();
const names = (entry: RunLogEntry) => entry.phases.map(([name]) => name);

describe('the sync run log', () => {
  test('a timer closes each phase at the next and the run at its end', () => {
    let clock = 1_000;
    const timer = new RunTimer('alarm', 900, 950, () => clock);
    timer.phase('seed');
    clock += 30;
    timer.phase('settle-bodies');
    clock += 5;
    timer.phase('seed'); // a phase run again is listed again
    clock += 7;
    expect(timer.finish('done', 3)).toEqual({
      trigger: 'alarm',
      calledAt: 900,
      startedAt: 950,
      endedAt: 1_042,
      phases: [
        ['seed', 30],
        ['settle-bodies', 5],
        ['seed', 7],
      ],
      outcome: 'done',
      bodiesFetched: 3,
    });
  });

  test('every run leaves its trigger, times, phases and outcome', async () => {
    const url = await newFolder(server.url, 'log');
    const a = library();
    await settle(a);
    await save(a, 'https://news.example/one');
    await setUp(a, url, 'Laptop');
    const [first] = await loadRunLog(a);
    expect(first).toMatchObject({ trigger: 'reader', outcome: 'done' });
    expect(names(first!)).toEqual([
      'seed',
      'settle-bodies',
      'settle-pictures',
      'engine-lock',
      'identify',
      'list',
      'receive',
      'merge',
      'send',
      'scan',
      'apply',
      'missing',
      'bodies',
      'pictures',
      'record',
      'apply-after',
      'status',
    ]);
    expect(first!.startedAt).toBeGreaterThanOrEqual(first!.calledAt);
    const spent = first!.phases.reduce((sum, [, ms]) => sum + ms, 0);
    expect(spent).toBeLessThanOrEqual(first!.endedAt - first!.startedAt);

    // A device joining: its bodies are counted; the background's run says what started it.
    const b = library();
    await settle(b);
    await setUp(b, url, 'Desktop');
    expect((await loadRunLog(b)).map((run) => [run.trigger, run.bodiesFetched])).toEqual([['reader', 1]]);
    await syncHandlers(b).syncContinue();
    await expect
      .poll(async () => (await loadRunLog(b)).map((run) => run.trigger))
      .toEqual(['reader', 'continue']);

    // A run the engine failed (wrong passphrase on a device that has no keys yet).
    const c = library();
    await settle(c);
    await saveSyncConfig(c, configFor(url, 'Tablet'));
    expect((await runSync(c, { passphrase: `${PASSPHRASE} not` })).lastError?.code).toBe(
      'sync-wrong-passphrase',
    );
    expect((await loadRunLog(c)).map((run) => run.outcome)).toEqual(['failed']);
    // A refused run (not set up) is not a run: nothing logged.
    const d = library();
    await runSync(d);
    expect(await loadRunLog(d)).toEqual([]);
  });

  test(`the log keeps the last ${RUN_LOG_SIZE} runs`, async () => {
    const db = library();
    for (let i = 0; i < RUN_LOG_SIZE + 5; i++)
      await logRun(db, new RunTimer('alarm', i, i).finish('done', i));
    const log = await loadRunLog(db);
    expect(log.map((run) => run.calledAt)).toEqual([...Array(RUN_LOG_SIZE).keys()].map((i) => i + 5));
  });
});

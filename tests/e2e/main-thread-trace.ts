import type { BrowserContext, Page } from 'playwright-core';

/** One trace event as Chromium's tracing reports it (only the fields read here). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event, where Chromium reports it. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string; frames?: { url: string; processId: number }[] } };
}

export interface MainThreadTrace {
  /** Durations (ms) of the page's main-thread tasks over 50 ms in which an extension script ran. */
  longTasksWithOurScript: number[];
  /**
   * The main thread's CPU time (ms) in each of those tasks: far below the duration when the OS
   * took the thread away (a loaded machine), close to it when the task was busy all along.
   */
  cpuOfLongTasksWithOurScript: number[];
  /** Script events (evaluate, compile, call) of the extension on the page's main thread. */
  ourScriptEvents: number;
  /** Main-thread tasks over 50 ms with no script of ours in them (the page's own work, or load). */
  otherLongTasks: number;
  /** Every main-thread task over 50 ms, whoever ran in it: duration and CPU time (ms). */
  longTasks: { ms: number; cpuMs: number }[];
}

const LONG_TASK_US = 50_000;
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel'];

/**
 * Traces the page's renderer while `action` runs and attributes every long task of its main thread:
 * a task counts as ours when one of the extension's scripts ran inside it (its evaluation, compile
 * or a call into it, by script URL). The Long Tasks API cannot tell whose a task is, so on a loaded
 * machine a busy page's own tasks looked like ours; tracing names the script that ran.
 */
export async function traceMainThread(
  context: BrowserContext,
  page: Page,
  extensionId: string,
  action: () => Promise<void>,
): Promise<MainThreadTrace> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected' as never, (params: { value: TraceEvent[] }) => events.push(...params.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete' as never, resolve));
  await cdp.send(
    'Tracing.start' as never,
    { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } } as never,
  );
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end' as never);
    await complete;
    await cdp.detach();
  }

  const frames = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
  const pid = frames.find((frame) => frame.url === page.url())?.processId;
  const main = events.find(
    (e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (pid === undefined || !main) throw new Error(`the trace has no main thread for ${page.url()}`);
  const onMain = events.filter((e) => e.pid === pid && e.tid === main.tid);
  const ours = onMain.filter((e) => e.args?.data?.url?.startsWith(`chrome-extension://${extensionId}/`));
  const longTasks = onMain.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > LONG_TASK_US);
  const hasOurScript = (task: TraceEvent) =>
    ours.some((e) => e.ts >= task.ts && e.ts <= task.ts + (task.dur ?? 0));
  const withOurs = longTasks.filter(hasOurScript);
  return {
    longTasksWithOurScript: withOurs.map((task) => Math.round((task.dur ?? 0) / 1000)),
    cpuOfLongTasksWithOurScript: withOurs.map((task) => Math.round((task.tdur ?? Number.NaN) / 1000)),
    ourScriptEvents: ours.length,
    otherLongTasks: longTasks.length - withOurs.length,
    longTasks: longTasks.map((task) => ({
      ms: Math.round((task.dur ?? 0) / 1000),
      cpuMs: Math.round((task.tdur ?? Number.NaN) / 1000),
    })),
  };
}

/**
 * The memory of an extension's background service worker during a bench, sampled from outside:
 * its used JS heap (CDP Runtime.getHeapUsage in the worker's own target, every 250 ms,
 * re-attached if the worker is stopped and started again) and the peak private resident memory
 * of the browser's extension process (RssAnon in /proc, sampled likewise, Linux only: the
 * mapped browser binary and shared libraries left out; the worker shares its process with the
 * extension's pages). Answers a stop that gives both peaks.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/browser';

export interface WorkerMemory {
  /** Peak used JS heap of the worker, bytes (0: never sampled). */
  heap: number;
  /** Samples taken (a worker stopped between samples is missed for that while). */
  samples: number;
  /** Peak private resident memory of the extension processes together, bytes (null: not readable). */
  processPeak: number | null;
}

/**
 * Starts sampling. The worker target is attached in the non-flat way (messages through
 * Target.sendMessageToTarget) because Playwright's CDP sessions send to one target only.
 */
export async function sampleWorkerMemory(browser: ExtensionBrowser): Promise<() => Promise<WorkerMemory>> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  const origin = browser.extensionUrl('/');
  let session: string | null = null;
  let nextId = 1;
  const waiting = new Map<number, (message: { result?: { usedSize?: number } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    if (sessionId !== session) return;
    const parsed = JSON.parse(message) as { id?: number; result?: { usedSize?: number } };
    if (parsed.id === undefined) return;
    waiting.get(parsed.id)?.(parsed);
    waiting.delete(parsed.id);
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => {
    if (sessionId === session) session = null;
  });
  let heap = 0;
  let samples = 0;
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      session ??= await attachWorker(cdp, origin);
      if (!session) return;
      const id = nextId++;
      const answer = new Promise<{ result?: { usedSize?: number } }>((resolve) => waiting.set(id, resolve));
      await cdp.send('Target.sendMessageToTarget', {
        sessionId: session,
        message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
      });
      const used = (await withTimeout(answer, 2_000))?.result?.usedSize;
      if (typeof used === 'number') {
        heap = Math.max(heap, used);
        samples++;
      }
    } catch {
      session = null; // the worker went away mid-sample: attach again next time
    } finally {
      busy = false;
    }
  };
  const processes = await extensionProcesses(cdp);
  let processPeak: number | null = null;
  const timer = setInterval(() => {
    void sample();
    const resident = privateResident(processes);
    if (resident !== null) processPeak = Math.max(processPeak ?? 0, resident);
  }, 250);
  return async () => {
    clearInterval(timer);
    await cdp.detach().catch(() => undefined);
    return { heap, samples, processPeak };
  };
}

async function attachWorker(cdp: CDPSession, origin: string): Promise<string | null> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(origin));
  if (!worker) return null;
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  return sessionId;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);
}

/** The browser's renderer processes started for extensions (Chromium's --extension-process). */
async function extensionProcesses(cdp: CDPSession): Promise<number[]> {
  try {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    return processInfo
      .filter((p) => p.type === 'renderer')
      .map((p) => p.id)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process');
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

/** The private resident memory (RssAnon) of `pids` together, bytes; null when none can be read. */
function privateResident(pids: number[]): number | null {
  let total: number | null = null;
  for (const pid of pids) {
    try {
      const kb = /RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) total = (total ?? 0) + Number(kb) * 1024;
    } catch {
      // gone, or not Linux
    }
  }
  return total;
}

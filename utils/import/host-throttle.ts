/** The clock a throttle waits on: the real one, or a test's. */
export interface ThrottleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: ThrottleClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces requests to the same host at least `intervalMs` apart (other hosts are not held up):
 * downloading a thousand imported articles must not hammer one site. `wait` reserves the host's
 * next slot at once, so concurrent callers queue in order.
 */
export class HostThrottle {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: ThrottleClock = realClock,
  ) {}

  async wait(host: string): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, at + this.intervalMs);
    if (at > now) await this.clock.sleep(at - now);
  }
}

/**
 * Orders downloads so hosts take turns (round robin, in first-seen order): with a per-host
 * throttle, a queue of one site's 500 articles then another's does not leave the second waiting.
 */
export function interleaveByHost<T>(items: readonly T[], hostOf: (item: T) => string): T[] {
  const byHost = new Map<string, T[]>();
  for (const item of items) {
    const host = hostOf(item);
    const list = byHost.get(host) ?? [];
    list.push(item);
    byHost.set(host, list);
  }
  const lists = [...byHost.values()];
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++)
    for (const list of lists) if (round < list.length) out.push(list[round]!);
  return out;
}

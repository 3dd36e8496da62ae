/**
 * Hybrid logical clock: a wall-clock time that never runs backwards and never trusts the server.
 *
 * A stamp is a string `wall-counter-device` with the wall time and counter zero-padded, so that
 * comparing two stamps as strings orders them by (wall, counter, device): a total order every
 * device computes alike. A device one hour fast makes stamps one hour ahead; a device that sees
 * them moves its own clock past them, so what it writes next still sorts after what it has seen.
 */

export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.wall).padStart(WALL_DIGITS, '0')}-${String(hlc.counter).padStart(COUNTER_DIGITS, '0')}-${hlc.device}`;
}

/**
 * The latest wall time a stamp may carry: the end of year 9999. A clock followed there can still
 * tick (and carry a counter over) without outgrowing its 15 digits, which would break the order.
 */
export const MAX_WALL = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const STAMP = /^(\d{15})-(\d{6})-([A-Za-z0-9_-]{1,64})$/;

/**
 * A stamp's parts. Throws on a string that is not a stamp: no reader meets that, because every
 * stamp from outside (packs, device files) is checked with isHlc before it is used, and this
 * device's own stamps are made by formatHlc.
 */
export function parseHlc(stamp: string): Hlc {
  const match = STAMP.exec(stamp);
  if (!match) throw new Error(`Not a clock stamp: ${stamp.slice(0, 80)}`);
  return { wall: Number(match[1]), counter: Number(match[2]), device: match[3] as string };
}

/** Whether a value from outside is a stamp this device can follow (a wall past MAX_WALL is not). */
export function isHlc(stamp: unknown): stamp is string {
  if (typeof stamp !== 'string') return false;
  const match = STAMP.exec(stamp);
  return match !== null && Number(match[1]) <= MAX_WALL;
}

/** The device that made a stamp. */
export function hlcDevice(stamp: string): string {
  return parseHlc(stamp).device;
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** The first stamp of a device that has seen nothing yet. */
export function zeroHlc(device: string): string {
  return formatHlc({ wall: 0, counter: 0, device });
}

/** A new stamp for a local event: after both the last stamp and the local wall clock. */
export function tick(last: string, now: number): string {
  const previous = parseHlc(last);
  if (now > previous.wall) return formatHlc({ wall: now, counter: 0, device: previous.device });
  if (previous.counter >= MAX_COUNTER) {
    return formatHlc({ wall: previous.wall + 1, counter: 0, device: previous.device });
  }
  return formatHlc({ wall: previous.wall, counter: previous.counter + 1, device: previous.device });
}

/**
 * Our clock after seeing a remote stamp: past both. A stamp from a clock ahead is followed: our
 * stamps then run ahead of our wall clock, which keeps every order right and only shows later
 * times beside conflict copies. The engine asks the reader first when it is absurdly far ahead
 * (engine.ts, CLOCK_AHEAD_LIMIT_MS); isHlc refuses walls past MAX_WALL, so this never overflows.
 */
export function receive(last: string, remote: string, now: number): string {
  const ours = parseHlc(last);
  const theirs = parseHlc(remote);
  const wall = Math.max(ours.wall, theirs.wall, now);
  let counter = 0;
  if (wall === ours.wall && wall === theirs.wall) counter = Math.max(ours.counter, theirs.counter) + 1;
  else if (wall === ours.wall) counter = ours.counter + 1;
  else if (wall === theirs.wall) counter = theirs.counter + 1;
  if (counter > MAX_COUNTER) return formatHlc({ wall: wall + 1, counter: 0, device: ours.device });
  return formatHlc({ wall, counter, device: ours.device });
}

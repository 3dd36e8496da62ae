/**
 * "Forget this device": the reader says a device sharing the folder is gone for good (a browser
 * reinstalled, which makes a new device; a laptop given away). Without this, such a device keeps
 * every delete from being purged forever (purge.ts, condition 3) and stays in the device lists.
 *
 * Forgetting changes nothing remote (each device writes only its own files) and nothing merged:
 * the device's records stay, its packs are still read. This device only stops waiting for it
 * before a purge and stops listing it. Should it sync again (its file then carries a new clock
 * stamp), it is listed and waited for again from then on. What was purged meanwhile stays purged:
 * its offline edits to records deleted more than 90 days before are not brought back. That is the
 * price the reader accepts when forgetting it, and the settings page says so.
 */
import { isHlc, parseHlc } from './hlc';
import type { SyncStore } from './store';

/** Another device sharing the folder, as the device lists show it. */
export interface SyncDevice {
  id: string;
  /** The name it gave itself. */
  name: string;
  /** When it last synced, by its own clock (the stamp in its file); null when not known yet. */
  lastSeenAt: number | null;
}

/**
 * Marks a device as forgotten on this device. False (nothing changed) for this device itself or
 * one the folder has not listed. The next run looks for records to purge at once.
 */
export async function forgetDevice(store: SyncStore, deviceId: string): Promise<boolean> {
  const { book } = await store.loadLight();
  if (deviceId === book.deviceId || book.deviceNames?.[deviceId] === undefined) return false;
  const forgotten = { ...book.forgotten, [deviceId]: book.deviceSeen?.[deviceId] ?? '' };
  await store.commit({ book: { forgotten, purgeCheckedAt: 0 } });
  return true;
}

/**
 * The devices still forgotten after a run read the folder (`listed`: the device files listed now;
 * `seen`: their stamps as read or kept this run). A device whose stamp moved synced again; one no
 * longer listed is gone from the folder; one forgotten before its stamp was known takes the stamp
 * it has now.
 */
export function stillForgotten(
  forgotten: Record<string, string>,
  seen: Record<string, string>,
  listed: ReadonlySet<string>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [id, stamp] of Object.entries(forgotten)) {
    if (!listed.has(id)) continue;
    const now = seen[id];
    if (now === undefined || stamp === '') kept[id] = now ?? stamp;
    else if (stamp === now) kept[id] = stamp;
  }
  return kept;
}

/** The devices the lists show: every other device listed, except the forgotten. */
export function shownDevices(
  names: Record<string, string>,
  seen: Record<string, string>,
  forgotten: Record<string, string>,
): SyncDevice[] {
  return Object.entries(names)
    .filter(([id]) => forgotten[id] === undefined)
    .map(([id, name]) => {
      const stamp = seen[id];
      return { id, name, lastSeenAt: stamp && isHlc(stamp) ? parseHlc(stamp).wall : null };
    });
}

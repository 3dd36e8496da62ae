/**
 * Tombstone purge: a deleted record's content is forgotten on this device once nobody can need it.
 *
 * A delete keeps the whole record in the replicated state (its fields, note versions, what the
 * deleter had seen): that is what lets a concurrent edit restore it (library.ts). Kept forever,
 * the title, address and notes of every article ever deleted would stay on the machine. A record
 * is purged (reduced to a bare marker: kind, id, `purged`) when all of these hold:
 *
 * 1. its delete is in effect (the library does not hold it; a restored record is never purged);
 * 2. its delete is older than PURGE_AFTER_MS by this device's clock;
 * 3. every other device listed in the folder has seen it: the `known` vector of its device file
 *    (the latest stamp it had applied from each device) is at or past the delete's stamp. A device
 *    whose file has no vector (a Readmark from before this) or that is away blocks every purge
 *    of deletes it has not seen, however long it stays away;
 * 4. this device has applied everything those devices had sent when they wrote those files (the
 *    engine reads a file and applies its packs up to its head in the same run).
 *
 * After 3 and 4, every edit made before a device saw the delete has reached this device and was
 * weighed against it, so no later operation can legitimately bring the record back: one that
 * still arrives for a purged marker is ignored (applyOp). A device away for any length of time
 * therefore never resurrects nor loses anything by returning: nobody purged what it had not seen,
 * and its offline edits meet full records under the usual rules (a delete concurrent with an edit
 * keeps the edit and says so). The price: a device gone for good keeps deletes from being purged.
 *
 * Only this device's state is purged. The folder's packs are immutable and a new device reads them
 * all, so deletes stay there until snapshots exist (docs/sync-format.md, "Tombstones").
 */
import { compareHlc, hlcDevice, parseHlc } from './hlc';
import { materialise } from './library';
import type { EntityState, SeenVector, SyncState } from './state';

/** How old a delete must be before its record may be forgotten (docs/sync.md A.3: 90 days). */
export const PURGE_AFTER_MS = 90 * 86_400_000;

/** How often a run looks for records to purge (it reads the whole state). */
export const PURGE_CHECK_MS = 86_400_000;

/** A purged record: only what it was and that it is gone for good. */
export function purgedMarker(entity: EntityState): EntityState {
  return { kind: entity.kind, id: entity.id, fields: {}, heads: [], superseded: [], purged: true };
}

/**
 * Keys of the records to purge now. `others` holds the `known` vector of every other device
 * listed in the folder, null for one whose file has none (then nothing is purged).
 */
export function purgeable(state: SyncState, others: (SeenVector | null)[], now: number): string[] {
  if (others.some((known) => known === null)) return [];
  const vectors = others as SeenVector[];
  const library = materialise(state);
  const seenByAll = (stamp: string) => {
    const device = hlcDevice(stamp);
    return vectors.every((known) => known[device] !== undefined && compareHlc(known[device], stamp) >= 0);
  };
  const due = (entity: EntityState) =>
    entity.del !== undefined &&
    now - parseHlc(entity.del.h).wall >= PURGE_AFTER_MS &&
    seenByAll(entity.del.h);

  const keys: string[] = [];
  const purgedArticles = new Set<string>();
  for (const [key, entity] of Object.entries(state.entities)) {
    if (entity.purged || entity.kind !== 'article' || library.articleIdOf.has(entity.id)) continue;
    if (!due(entity)) continue;
    keys.push(key);
    purgedArticles.add(entity.id);
  }
  for (const [key, entity] of Object.entries(state.entities)) {
    if (entity.purged || entity.kind !== 'highlight' || library.highlights.has(entity.id)) continue;
    // Gone with its article (whose delete had seen it), or deleted on its own.
    const articleId = String(entity.fields.articleId?.v ?? '');
    if (purgedArticles.has(articleId) || due(entity)) keys.push(key);
  }
  return keys;
}

/**
 * The replicated state: per record, per field, last writer wins by clock stamp; a highlight's note
 * keeps every concurrent text; a delete remembers what its device had seen.
 *
 * Everything here is a function of the set of operations applied, whatever their order and however
 * often each arrives: two devices that have applied the same operations hold the same state.
 */
import { compareHlc, hlcDevice, maxHlc, receive, tick, zeroHlc } from './hlc';

/** A setting is one the reader chose that travels (colour names): per-field, last writer wins. */
export type EntityKind = 'article' | 'highlight' | 'setting';

/** A note edit: the new text and the note versions (stamps) the editor was looking at. */
export interface NoteEdit {
  text: string;
  bases: string[];
}

/** What the editor knew when deleting: the latest stamp it had applied from each device. */
export type SeenVector = Record<string, string>;

/** One change to one record, as it travels in a pack. */
export interface Op {
  kind: EntityKind;
  id: string;
  hlc: string;
  /** Fields set (last writer wins per field). */
  set?: Record<string, unknown>;
  /** A highlight's note edit (kept as a version; concurrent versions all survive). */
  note?: NoteEdit;
  /** A delete, with what the deleter had seen. */
  del?: { seen: SeenVector };
}

export interface FieldVersion {
  v: unknown;
  h: string;
}

export interface NoteVersion {
  h: string;
  text: string;
}

export interface EntityState {
  kind: EntityKind;
  id: string;
  fields: Record<string, FieldVersion>;
  /** Note versions no later edit was based on: one normally, several after concurrent edits. */
  heads: NoteVersion[];
  /** Note stamps that a later edit was based on (so they never come back as heads). */
  superseded: string[];
  del?: { h: string; seen: SeenVector };
  /** Forgotten (purge.ts): every device had seen its delete; no operation changes it again. */
  purged?: true;
}

export interface SyncState {
  device: string;
  /** This device's clock: the last stamp it made or saw. */
  clock: string;
  /** The latest stamp applied from each device (this one included). */
  known: SeenVector;
  entities: Record<string, EntityState>;
}

export function emptyState(device: string): SyncState {
  return { device, clock: zeroHlc(device), known: {}, entities: {} };
}

export function entityKey(kind: EntityKind, id: string): string {
  return `${kind}/${id}`;
}

/** A deep copy (states are plain JSON). */
export function cloneState(state: SyncState): SyncState {
  return structuredClone(state);
}

/** Merge one operation into the state (mutates it). Applying the same operation twice changes nothing. */
export function applyOp(state: SyncState, op: Op, now: number): void {
  const device = hlcDevice(op.hlc);
  if (device !== state.device) state.clock = receive(state.clock, op.hlc, now);
  state.known[device] = maxHlc(state.known[device], op.hlc) as string;
  const key = entityKey(op.kind, op.id);
  let entity = state.entities[key];
  // Purged only once every device had seen the delete and this one had every edit made before
  // (purge.ts): an operation arriving now cannot bring the record back.
  if (entity?.purged) return;
  if (!entity) {
    entity = { kind: op.kind, id: op.id, fields: {}, heads: [], superseded: [] };
    state.entities[key] = entity;
  }
  for (const [name, value] of Object.entries(op.set ?? {})) {
    const current = entity.fields[name];
    if (!current || compareHlc(op.hlc, current.h) > 0) entity.fields[name] = { v: value, h: op.hlc };
  }
  if (op.note) applyNote(entity, op.hlc, op.note);
  if (op.del) {
    const seen = { ...(entity.del?.seen ?? {}) };
    for (const [dev, stamp] of Object.entries(op.del.seen)) seen[dev] = maxHlc(seen[dev], stamp) as string;
    entity.del = { h: maxHlc(entity.del?.h, op.hlc) as string, seen };
  }
}

function applyNote(entity: EntityState, stamp: string, edit: NoteEdit): void {
  if (entity.superseded.includes(stamp) || entity.heads.some((head) => head.h === stamp)) return;
  for (const base of edit.bases) if (!entity.superseded.includes(base)) entity.superseded.push(base);
  entity.heads = entity.heads.filter((head) => !edit.bases.includes(head.h));
  entity.heads.push({ h: stamp, text: edit.text });
  entity.heads.sort((a, b) => compareHlc(b.h, a.h));
}

/** Every stamp a record carries: its fields' and its note versions'. */
export function versionsOf(entity: EntityState): string[] {
  return [...Object.values(entity.fields).map((field) => field.h), ...entity.heads.map((head) => head.h)];
}

/** Whether the device that made a delete had seen this version. */
export function seenBy(stamp: string, seen: SeenVector): boolean {
  const known = seen[hlcDevice(stamp)];
  return known !== undefined && compareHlc(stamp, known) <= 0;
}

export type LocalChange =
  | { set: Record<string, unknown>; note?: string; del?: undefined }
  | { note: string; set?: undefined; del?: undefined }
  | { del: true; set?: undefined; note?: undefined };

/**
 * A change made on this device: stamped, applied to the state, and returned for the outbox.
 * A note edit is based on the note versions shown (all heads: editing a conflicted note resolves it).
 */
export function localOp(
  state: SyncState,
  kind: EntityKind,
  id: string,
  change: LocalChange,
  now: number,
): Op {
  const hlc = tick(state.clock, now);
  state.clock = hlc;
  const entity = state.entities[entityKey(kind, id)];
  const op: Op = { kind, id, hlc };
  if (change.set) op.set = change.set;
  if (change.note !== undefined)
    op.note = { text: change.note, bases: (entity?.heads ?? []).map((h) => h.h) };
  if (change.del) op.del = { seen: { ...state.known } };
  applyOp(state, op, now);
  return op;
}

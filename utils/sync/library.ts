/**
 * The library a state stands for: which articles and highlights are alive, what their fields say,
 * which note texts are conflict copies, what was restored, and which article ids are one article.
 *
 * Rules (docs/sync-format.md, "Merge"):
 * - a delete takes effect only if its device had seen every version of the record (for an article:
 *   of the article and of every highlight on it); otherwise the record is restored and says so;
 * - articles with the same canonical URL are one article: the lowest id survives, its fields are
 *   the latest per field across the group, and the highlights of the others move to it.
 */
import { compareHlc, hlcDevice, parseHlc } from './hlc';
import { type EntityState, type SyncState, seenBy, versionsOf } from './state';

/** A deleted record that came back because another device edited it concurrently. */
export interface Restored {
  /** Device that deleted it, and when (its clock). */
  deletedBy: string;
  deletedAt: number;
  /** Devices whose edits the deleter had not seen. */
  editedBy: string[];
}

export interface NoteConflict {
  text: string;
  device: string;
  /** Wall-clock ms of the edit on its device. */
  at: number;
  hlc: string;
}

export interface LibraryArticle {
  id: string;
  /** Other article ids saved for the same URL, merged into this one. */
  aliases: string[];
  fields: Record<string, unknown>;
  /** Tags, from the per-tag fields `tag:<name>` that are true. */
  tags: string[];
  restored?: Restored;
}

export interface LibraryHighlight {
  id: string;
  /** The surviving article id (after same-URL merging). */
  articleId: string;
  fields: Record<string, unknown>;
  note: string;
  noteConflicts: NoteConflict[];
  restored?: Restored;
}

export interface Library {
  articles: Map<string, LibraryArticle>;
  /** Synced settings by key: each field the latest written (settings are never deleted). */
  settings: Map<string, Record<string, unknown>>;
  highlights: Map<string, LibraryHighlight>;
  /** Every article id (alias or survivor) to its survivor. */
  articleIdOf: Map<string, string>;
}

export const TAG_FIELD_PREFIX = 'tag:';

function restoredFrom(entity: EntityState, extraVersions: string[]): Restored | 'deleted' | undefined {
  if (!entity.del) return undefined;
  const unseen = [...versionsOf(entity), ...extraVersions].filter(
    (stamp) => !seenBy(stamp, entity.del!.seen),
  );
  if (unseen.length === 0) return 'deleted';
  return {
    deletedBy: hlcDevice(entity.del.h),
    deletedAt: parseHlc(entity.del.h).wall,
    editedBy: [...new Set(unseen.map(hlcDevice))].sort(),
  };
}

function values(entity: EntityState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity.fields).map(([name, field]) => [name, field.v]));
}

export function materialise(state: SyncState): Library {
  const articles = new Map<string, EntityState>();
  const highlightsByArticle = new Map<string, EntityState[]>();
  const settings = new Map<string, Record<string, unknown>>();
  for (const entity of Object.values(state.entities)) {
    if (entity.kind === 'article') articles.set(entity.id, entity);
    else if (entity.kind === 'setting') settings.set(entity.id, values(entity));
    else {
      const articleId = String(entity.fields.articleId?.v ?? '');
      const list = highlightsByArticle.get(articleId) ?? [];
      list.push(entity);
      highlightsByArticle.set(articleId, list);
    }
  }

  // Which articles are alive: a delete counts only if it saw the article and all its highlights.
  const alive = new Map<string, { entity: EntityState; restored?: Restored }>();
  for (const [id, entity] of articles) {
    if (!entity.fields.canonicalUrl) continue; // only ever deleted or edited here, never created: nothing to show
    const highlightVersions = (highlightsByArticle.get(id) ?? []).flatMap(versionsOf);
    const verdict = restoredFrom(entity, highlightVersions);
    if (verdict === 'deleted') continue;
    alive.set(id, { entity, restored: verdict });
  }

  // Same canonical URL → one article: the lowest id survives; fields are the latest per field.
  const groups = new Map<string, string[]>();
  for (const [id, { entity }] of alive) {
    const url = String(entity.fields.canonicalUrl?.v);
    groups.set(url, [...(groups.get(url) ?? []), id]);
  }
  const result: Library = { articles: new Map(), highlights: new Map(), articleIdOf: new Map(), settings };
  for (const ids of groups.values()) {
    ids.sort();
    const survivor = ids[0] as string;
    const aliases = ids.slice(1);
    const merged: Record<string, { v: unknown; h: string }> = {};
    for (const id of ids) {
      for (const [name, field] of Object.entries(alive.get(id)!.entity.fields)) {
        if (!merged[name] || compareHlc(field.h, merged[name].h) > 0) merged[name] = field;
      }
    }
    const fields = Object.fromEntries(Object.entries(merged).map(([name, field]) => [name, field.v]));
    const tags = Object.keys(fields)
      .filter((name) => name.startsWith(TAG_FIELD_PREFIX) && fields[name] === true)
      .map((name) => name.slice(TAG_FIELD_PREFIX.length))
      .sort();
    const restored = ids.map((id) => alive.get(id)!.restored).find((r) => r !== undefined);
    result.articles.set(survivor, { id: survivor, aliases, fields, tags, ...(restored ? { restored } : {}) });
    for (const id of ids) result.articleIdOf.set(id, survivor);
  }

  for (const [articleId, list] of highlightsByArticle) {
    const survivor = result.articleIdOf.get(articleId);
    if (survivor === undefined) continue; // its article is deleted (the delete saw this highlight)
    for (const entity of list) {
      if (!entity.fields.quote) continue; // never created here
      const verdict = restoredFrom(entity, []);
      if (verdict === 'deleted') continue;
      const [winner, ...others] = entity.heads; // heads are sorted latest first
      const noteConflicts = others
        .filter((head) => head.text !== winner?.text)
        .map((head) => ({
          text: head.text,
          device: hlcDevice(head.h),
          at: parseHlc(head.h).wall,
          hlc: head.h,
        }));
      result.highlights.set(entity.id, {
        id: entity.id,
        articleId: survivor,
        fields: values(entity),
        note: winner?.text ?? '',
        noteConflicts,
        ...(verdict ? { restored: verdict } : {}),
      });
    }
  }
  return result;
}

import { type ArticleMeta, err, ok, type Result } from '@/utils/model';
import { normaliseTag, tagKey } from './normalise-tag';

/** Drops later tags that share a key with an earlier one ("AI" then "ai" → "AI"). */
function distinctTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tagKey(tag);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Renames a tag across the library, or merges it into another when `to` is a tag already in use.
 * Returns only the metas that changed, as new objects with `updatedAt: now`, for the caller to
 * save; fails when either name is empty. Renaming only the capitals ("ai" → "AI") counts as a
 * change.
 */
export function renameTag(
  metas: readonly ArticleMeta[],
  from: string,
  to: string,
  now: number,
): Result<ArticleMeta[]> {
  const fromKey = tagKey(from);
  const toTag = normaliseTag(to);
  if (fromKey === '' || toTag === null) return err('tag-name-empty');
  const changed: ArticleMeta[] = [];
  for (const meta of metas) {
    if (!meta.tags.some((tag) => tagKey(tag) === fromKey)) continue;
    const tags = distinctTags(meta.tags.map((tag) => (tagKey(tag) === fromKey ? toTag : tag)));
    const same = tags.length === meta.tags.length && tags.every((tag, i) => tag === meta.tags[i]);
    if (!same) changed.push({ ...meta, tags, updatedAt: now });
  }
  return ok(changed);
}

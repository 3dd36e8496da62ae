const SPACES = /\s+/g;
const MAX_CACHED_KEYS = 5_000;
/** tagKey runs for every tag of every article on each filter change: its answers are cached. */
const keys = new Map<string, string>();

/**
 * A tag as it should be stored and shown: trimmed, inner runs of white space collapsed to one
 * space, a leading "#" dropped, the reader's capitals kept ("Machine  learning " → "Machine
 * learning"). Null when nothing is left.
 */
export function normaliseTag(raw: string): string | null {
  const tag = raw
    .replace(SPACES, ' ')
    .trim()
    .replace(/^#+\s*/, '');
  return tag === '' ? null : tag;
}

/**
 * The key two tags are compared by: "AI", " ai" and "#Ai" are one tag. Empty string for a tag
 * that normalises to nothing.
 */
export function tagKey(raw: string): string {
  let key = keys.get(raw);
  if (key === undefined) {
    // A library has a few hundred distinct tags; the bound only guards against a pathological one.
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = (normaliseTag(raw) ?? '').toLowerCase();
    keys.set(raw, key);
  }
  return key;
}
